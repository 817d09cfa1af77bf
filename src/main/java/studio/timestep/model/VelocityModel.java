package studio.timestep.model;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A flow-matching model: given x_σ [frames, channels, height, width] with a level per frame and
 * the conditioning, the velocity v = ε − x0 of the same shape (x_σ = (1−σ)·x0 + σ·ε, rectified
 * flow). Frames outside the window [start, end) are not seen; their velocity is 0.
 */
public interface VelocityModel {
    /**
     * The velocity for each prompt at the same x and levels (prompts evaluated together may share
     * work); a prompt of another kind than {@link #promptKind()} is an IllegalArgumentException.
     * The arrays are new and the caller's: it may close them when done.
     */
    List<INDArray> velocities(INDArray x, double[] sigmas, int windowStart, int windowEnd, List<Prompt> prompts);

    /** The conditioning this model takes. */
    PromptKind promptKind();

    /** The shape one frame has in the model's space: channels, height, width. */
    long[] frameShape();

    /** Frames the model was built for. */
    int frames();

    String name();
}
