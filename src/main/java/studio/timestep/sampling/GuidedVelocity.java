package studio.timestep.sampling;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The velocity a sampler steps with: the run's guided, prompt-blended model output at (x, σ per frame). */
@FunctionalInterface
public interface GuidedVelocity {
    INDArray at(INDArray x, double[] sigmas);
}
