package studio.timestep.sampling;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Heun (k-diffusion {@code sample_heun} in flow form): an Euler predictor to σ', a second
 * evaluation there, then the average slope; a step to σ' = 0 stays Euler.
 */
public final class HeunPlanSampler implements PlanSampler {
    @Override
    public INDArray step(INDArray x, INDArray v0, double[] sigma, double[] next, boolean[] moving, GuidedVelocity velocity) {
        int frames = sigma.length;
        double[] dt = new double[frames];
        double[] half = new double[frames];
        double[] full = new double[frames];
        boolean corrected = false;
        for (int f = 0; f < frames; f++) {
            dt[f] = moving[f] ? next[f] - sigma[f] : 0;
            if (moving[f] && next[f] > 0) {
                half[f] = dt[f] / 2;
                corrected = true;
            } else {
                full[f] = dt[f];
            }
        }
        INDArray predicted = FrameCombination.of(x).plus(dt, v0).array();
        if (!corrected) {
            return predicted;
        }
        double[] at = new double[frames];
        for (int f = 0; f < frames; f++) {
            at[f] = moving[f] ? next[f] : sigma[f];
        }
        INDArray v1 = velocity.at(predicted, at);
        return FrameCombination.of(x).plus(add(half, full), v0).plus(half, v1).array();
    }

    @Override
    public int extraEvaluationsPerRow() {
        return 1;
    }

    private static double[] add(double[] a, double[] b) {
        double[] c = new double[a.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = a[i] + b[i];
        }
        return c;
    }
}
