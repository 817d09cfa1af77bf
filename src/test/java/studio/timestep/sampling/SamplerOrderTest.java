package studio.timestep.sampling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each sampler on the exact flow of Gaussian data x0 ~ N(μ, s²): x̂0(x, σ) = μ + (1−σ)s²·(x − (1−σ)μ) /
 * ((1−σ)²s² + σ²), v = (x − x̂0)/σ, and the ODE carries x(1) = z to x(0) = μ + s·z. The error
 * falls with the solver's order.
 */
class SamplerOrderTest {
    private static final double MU = 0.5;
    private static final double S = 0.3;

    /** Exact x(σ) on the trajectory that ends at μ + s·z, z = 1: (1−σ)μ + √((1−σ)²s² + σ²). */
    private static double exact(double sigma) {
        double a = 1 - sigma;
        return a * MU + Math.sqrt(a * a * S * S + sigma * sigma);
    }

    /** σ from λ = log((1−σ)/σ). */
    private static double sigmaOf(double lambda) {
        return 1 / (1 + Math.exp(lambda));
    }

    /** Integrates from σ = 0.9 to 0.1 on a grid uniform in λ (where these solvers' orders are defined). */
    private static double error(SamplerKind kind, int steps) {
        PlanSampler sampler = kind.create();
        double l0 = Math.log(0.1 / 0.9);
        double l1 = Math.log(0.9 / 0.1);
        INDArray x = Nd4j.valueArrayOf(new long[] {2, 3}, (float) exact(0.9));
        GuidedVelocity field = (at, sigma) -> {
            double sg = sigma[0];
            double a = 1 - sg;
            double gain = a * S * S / (a * a * S * S + sg * sg);
            INDArray x0 = at.sub(a * MU).muli(gain).addi(MU);
            return at.sub(x0).divi(sg);
        };
        for (int i = 0; i < steps; i++) {
            double s = sigmaOf(l0 + (l1 - l0) * i / steps);
            double n = sigmaOf(l0 + (l1 - l0) * (i + 1) / steps);
            double[] sigma = {s, s};
            double[] next = {n, n};
            x = sampler.step(x, field.at(x, sigma), sigma, next, new boolean[] {true, true}, field);
        }
        return Math.abs(x.getDouble(0, 0) - exact(0.1));
    }

    /** Error at 10 steps over error at 80: about 8 for a first-order method, 64 for a second-order one. */
    private static double ratio(SamplerKind kind) {
        return error(kind, 10) / error(kind, 80);
    }

    @Test
    void eulerIsFirstOrder() {
        double r = ratio(SamplerKind.EULER);
        assertTrue(r > 6 && r < 10, "8 times the steps divide the error by " + r);
    }

    @Test
    void heunIsSecondOrder() {
        double r = ratio(SamplerKind.HEUN);
        assertTrue(r > 40 && r < 90, "ratio " + r);
    }

    @Test
    void multistepSolversAreSecondOrderOrBetter() {
        for (SamplerKind kind : new SamplerKind[] {SamplerKind.DPMPP_2M, SamplerKind.UNIPC}) {
            double r = ratio(kind);
            assertTrue(r > 30, kind + " ratio " + r);
            assertTrue(error(kind, 20) < error(SamplerKind.EULER, 20) / 20, kind + " " + error(kind, 20));
        }
    }
}
