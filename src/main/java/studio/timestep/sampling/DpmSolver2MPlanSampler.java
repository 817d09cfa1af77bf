package studio.timestep.sampling;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DPM-Solver++(2M) in flow form (data prediction x0 = x − σv, α = 1 − σ, λ = log(α/σ);
 * Lu et al. 2022, k-diffusion {@code sample_dpmpp_2m}): x' = (σ'/σ)·x − α'·(e^{−h} − 1)·D with
 * D = (1 + 1/2r)·x0 − (1/2r)·x0_prev once a frame has a previous step, r = h_prev/h. The step
 * to σ' = 0 returns x0. Each frame keeps its own previous x0 and λ.
 */
public final class DpmSolver2MPlanSampler implements PlanSampler {
    private INDArray previousX0;
    private double[] previousLambda;
    private boolean[] hasPrevious;

    @Override
    public INDArray step(INDArray x, INDArray v0, double[] sigma, double[] next, boolean[] moving, GuidedVelocity velocity) {
        int frames = sigma.length;
        if (previousX0 == null) {
            previousX0 = x.dup();
            previousLambda = new double[frames];
            hasPrevious = new boolean[frames];
        }
        INDArray x0 = FrameCombination.of(x).minus(sigma, v0).array();
        double[] cx = new double[frames];
        double[] c0 = new double[frames];
        double[] cPrev = new double[frames];
        double[] keep = new double[frames];
        for (int f = 0; f < frames; f++) {
            if (!moving[f]) {
                cx[f] = 1;
                keep[f] = 1;
                continue;
            }
            if (next[f] == 0) {
                c0[f] = 1;
                continue;
            }
            double lambda = PlanSampler.lambda(sigma[f]);
            double h = PlanSampler.lambda(next[f]) - lambda;
            double b = -(1 - next[f]) * Math.expm1(-h);
            cx[f] = next[f] / sigma[f];
            if (hasPrevious[f]) {
                double r = (lambda - previousLambda[f]) / h;
                c0[f] = b * (1 + 1 / (2 * r));
                cPrev[f] = -b / (2 * r);
            } else {
                c0[f] = b;
            }
        }
        INDArray out = FrameCombination.of(cx, x).plus(c0, x0).plus(cPrev, previousX0).array();
        double[] replace = new double[frames];
        for (int f = 0; f < frames; f++) {
            if (moving[f]) {
                previousLambda[f] = PlanSampler.lambda(sigma[f]);
                hasPrevious[f] = true;
                replace[f] = 1;
            }
        }
        previousX0 = FrameCombination.of(keep, previousX0).plus(replace, x0).array();
        return out;
    }
}
