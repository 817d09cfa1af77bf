package studio.timestep.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a velocity model is given for one evaluation: the latent x [frames, channels, height,
 * width], the noise level of each frame, the window of frames it sees [start, end), and the prompt.
 */
public record ModelInput(INDArray x, double[] sigmas, int windowStart, int windowEnd, String prompt) {
    public int frames() {
        return (int) x.size(0);
    }
}
