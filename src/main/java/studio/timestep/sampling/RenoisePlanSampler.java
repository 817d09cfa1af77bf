package studio.timestep.sampling;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The update step-distilled Wan2.1 models are run with (LCM-like, "needs an LCM scheduler"):
 * predict x0 = x − σ·v, then take x to the next level with fresh Gaussian noise,
 * x' = (1 − σ')·x0 + σ'·ε (ModelTC/LightX2V lightx2v/models/schedulers/wan/step_distill/scheduler.py).
 * Per frame like the others; a frame that does not move in the row keeps x. The noise comes from
 * the run's seeded generator, so the same seed gives the same run.
 */
public final class RenoisePlanSampler implements PlanSampler {
    @Override
    public INDArray step(INDArray x, INDArray v0, double[] sigma, double[] next, boolean[] moving, GuidedVelocity velocity) {
        int frames = sigma.length;
        double[] level = new double[frames];
        double[] keepNext = new double[frames];
        double[] noiseNext = new double[frames];
        double[] keepX = new double[frames];
        for (int f = 0; f < frames; f++) {
            level[f] = moving[f] ? sigma[f] : 0;
            keepNext[f] = moving[f] ? 1 - next[f] : 0;
            noiseNext[f] = moving[f] ? next[f] : 0;
            keepX[f] = moving[f] ? 0 : 1;
        }
        INDArray x0 = FrameCombination.of(x).minus(level, v0).array();
        INDArray noise = Nd4j.randn(DataType.FLOAT, x.shape());
        return FrameCombination.of(keepNext, x0).plus(noiseNext, noise).plus(keepX, x).array();
    }
}
