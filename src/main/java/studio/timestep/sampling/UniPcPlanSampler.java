package studio.timestep.sampling;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * UniPC with the bh2 variant, order 2, data prediction, as Wan's FlowUniPCMultistepScheduler
 * and diffusers' UniPCMultistepScheduler compute it (Zhao et al. 2023): each step first corrects
 * the current sample with the new x0 (UniC, no extra evaluation), then predicts the next one
 * (UniP); the step to σ' = 0 is first order (lower_order_final). Per frame: its own last sample,
 * last two x0 and λ, order and step count.
 */
public final class UniPcPlanSampler implements PlanSampler {
    private INDArray lastSample;
    private INDArray x0Previous;
    private INDArray x0BeforePrevious;
    private double[] sigmaPrevious;
    private double[] lambdaPrevious;
    private double[] lambdaBeforePrevious;
    private int[] order;
    private int[] steps;

    @Override
    public INDArray step(INDArray x, INDArray v0, double[] sigma, double[] next, boolean[] moving, GuidedVelocity velocity) {
        int frames = sigma.length;
        if (lastSample == null) {
            lastSample = x.dup();
            x0Previous = x.dup();
            x0BeforePrevious = x.dup();
            sigmaPrevious = new double[frames];
            lambdaPrevious = new double[frames];
            lambdaBeforePrevious = new double[frames];
            order = new int[frames];
            steps = new int[frames];
        }
        INDArray x0 = FrameCombination.of(x).minus(sigma, v0).array();

        // UniC: correct the current sample of frames that have stepped before
        double[] kX = new double[frames];
        double[] kLast = new double[frames];
        double[] kPrev = new double[frames];
        double[] kBefore = new double[frames];
        double[] kNow = new double[frames];
        for (int f = 0; f < frames; f++) {
            if (!moving[f] || steps[f] == 0) {
                kX[f] = 1;
                continue;
            }
            double alpha = 1 - sigma[f];
            double h = PlanSampler.lambda(sigma[f]) - lambdaPrevious[f];
            double hh = -h;
            double phi1 = Math.expm1(hh);
            double bh = Math.expm1(hh);
            kLast[f] = sigma[f] / sigmaPrevious[f];
            if (order[f] == 1) {
                kPrev[f] = -alpha * phi1 + 0.5 * alpha * bh;
                kNow[f] = -0.5 * alpha * bh;
            } else {
                double rk = (lambdaBeforePrevious[f] - lambdaPrevious[f]) / h;
                double phiK1 = phi1 / hh - 1;
                double b1 = phiK1 / bh;
                double phiK2 = phiK1 / hh - 0.5;
                double b2 = phiK2 * 2 / bh;
                double rho0 = (b1 - b2) / (1 - rk);
                double rho1 = b1 - rho0;
                kBefore[f] = -alpha * bh * rho0 / rk;
                kPrev[f] = -alpha * phi1 + alpha * bh * (rho0 / rk + rho1);
                kNow[f] = -alpha * bh * rho1;
            }
        }
        INDArray corrected = FrameCombination.of(kX, x).plus(kLast, lastSample).plus(kPrev, x0Previous)
                .plus(kBefore, x0BeforePrevious).plus(kNow, x0).array();

        // UniP: predict the next sample
        double[] pX = new double[frames];
        double[] pNow = new double[frames];
        double[] pPrev = new double[frames];
        int[] used = new int[frames];
        for (int f = 0; f < frames; f++) {
            if (!moving[f]) {
                pX[f] = 1;
                continue;
            }
            if (next[f] == 0) {
                pNow[f] = 1;
                used[f] = 1;
                continue;
            }
            double lambda = PlanSampler.lambda(sigma[f]);
            double h = PlanSampler.lambda(next[f]) - lambda;
            double hh = -h;
            double phi1 = Math.expm1(hh);
            double bh = Math.expm1(hh);
            double alphaNext = 1 - next[f];
            used[f] = Math.min(2, steps[f] + 1);
            pX[f] = next[f] / sigma[f];
            pNow[f] = -alphaNext * phi1;
            if (used[f] == 2) {
                double rk = (lambdaPrevious[f] - lambda) / h;
                pNow[f] += alphaNext * bh * 0.5 / rk;
                pPrev[f] = -alphaNext * bh * 0.5 / rk;
            }
        }
        INDArray out = FrameCombination.of(pX, corrected).plus(pNow, x0).plus(pPrev, x0Previous).array();

        double[] keep = new double[frames];
        double[] replace = new double[frames];
        for (int f = 0; f < frames; f++) {
            if (moving[f]) {
                replace[f] = 1;
                lambdaBeforePrevious[f] = lambdaPrevious[f];
                lambdaPrevious[f] = PlanSampler.lambda(sigma[f]);
                sigmaPrevious[f] = sigma[f];
                order[f] = used[f];
                steps[f]++;
            } else {
                keep[f] = 1;
            }
        }
        x0BeforePrevious = FrameCombination.of(keep, x0BeforePrevious).plus(replace, x0Previous).array();
        x0Previous = FrameCombination.of(keep, x0Previous).plus(replace, x0).array();
        lastSample = FrameCombination.of(keep, lastSample).plus(replace, corrected).array();
        return out;
    }
}
