package studio.timestep.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A flow-matching model: given x_σ (a level per frame) and conditioning, the velocity
 * v = ε − x0 of the same shape [frames, channels, height, width] (REFERENCE §1). Frames outside
 * the window are not seen; their velocity is 0.
 */
public interface VelocityModel {
    INDArray velocity(ModelInput input);

    /** The latent shape one frame has: channels, height, width. */
    long[] frameShape();

    /** Frames the model was built for. */
    int frames();

    String name();
}
