package studio.timestep.sampling;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Euler in flow form: x ← x + (σ' − σ)·v, per frame (rectified flow; k-diffusion sampling.py sample_euler). */
public final class EulerPlanSampler implements PlanSampler {
    @Override
    public INDArray step(INDArray x, INDArray v0, double[] sigma, double[] next, boolean[] moving, GuidedVelocity velocity) {
        double[] dt = new double[sigma.length];
        for (int f = 0; f < dt.length; f++) {
            dt[f] = moving[f] ? next[f] - sigma[f] : 0;
        }
        return FrameCombination.of(x).plus(dt, v0).array();
    }
}
