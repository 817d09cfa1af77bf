package studio.timestep.sampling;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.model.Prompt;
import studio.timestep.model.VelocityModel;

/**
 * The classic synchronous Euler flow sampler (k-diffusion {@code sample_euler} in flow form):
 * every frame at the same σ_i, x ← x + (σ_{i+1} − σ_i)·v. The reference the per-frame engine
 * must reproduce on a synchronous plan.
 */
public final class EulerFlowSampler {
    private EulerFlowSampler() {
    }

    /** x is [frames, C, H, W]; returns the sample at the last sigma. */
    public static INDArray sample(VelocityModel model, INDArray x, double[] sigmas, Prompt prompt) {
        int frames = (int) x.size(0);
        INDArray current = x.reshape(frames, x.length() / frames);
        for (int i = 0; i + 1 < sigmas.length; i++) {
            double[] level = new double[frames];
            Arrays.fill(level, sigmas[i]);
            INDArray v = model.velocities(current.reshape(x.shape()), level, 0, frames, List.of(prompt)).get(0);
            current = current.add(v.reshape(current.shape()).mul((float) (sigmas[i + 1] - sigmas[i])));
        }
        return current.reshape(x.shape());
    }
}
