package studio.timestep.model;

import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.plan.FrameSource;

/** Reads the clean content of a condition frame in a model's space. */
@FunctionalInterface
public interface ConditionLoader {
    /**
     * The clean content [1, C·H·W] of plan frame {@code frame} whose source is a file (paths
     * relative to {@code baseDir}) or a clip; a source the model cannot use is an
     * IllegalArgumentException naming the frame.
     */
    INDArray load(int frame, FrameSource source, Path baseDir);
}
