package studio.timestep.model;

import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.plan.FrameSource;

/**
 * A flow-matching model: given x_σ [frames, channels, height, width] with a level per frame and
 * the conditioning, the velocity v = ε − x0 of the same shape (REFERENCE §1). Frames outside
 * the window [start, end) are not seen; their velocity is 0.
 */
public interface VelocityModel {
    /** The velocity for each prompt at the same x and levels (prompts evaluated together may share work). */
    List<INDArray> velocities(INDArray x, double[] sigmas, int windowStart, int windowEnd, List<String> prompts);

    /** The shape one frame has in the model's space: channels, height, width. */
    long[] frameShape();

    /** Frames the model was built for. */
    int frames();

    String name();

    /**
     * The clean content [1, C·H·W] of a condition frame whose source is a file (paths relative to
     * {@code baseDir}) or a clip; a source the model cannot use is an IllegalArgumentException
     * naming the frame.
     */
    INDArray conditionSource(int frame, FrameSource source, Path baseDir);

    /** Frames [F, C, H, W] in the model's space as RGB [F, 3, h, w] in [-1, 1]. */
    INDArray previewPixels(INDArray frames);

    /** Whether {@link #previewPixels} is an approximation (a latent projection) rather than the frames themselves. */
    default boolean previewIsApproximate() {
        return false;
    }
}
