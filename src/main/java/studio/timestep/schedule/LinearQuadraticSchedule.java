package studio.timestep.schedule;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.param.ParameterRange;

/**
 * Movie Gen's linear-quadratic schedule (ComfyUI / Mochi {@code linear_quadratic_schedule}):
 * L linear steps up to the threshold θ, then a quadratic reaching 1 at step N; σ_i = 1 - a_i.
 * For i < L, a_i = i·θ/L; for L ≤ i < N, a_i = q·i² + l·i + c with d = L - θN, Q = N - L,
 * q = d/(L·Q²), l = θ/L - 2d/Q², c = q·L²; a_N = 1.
 *
 * @param linearSteps L, or 0 for the default N/2 (integer division)
 */
public record LinearQuadraticSchedule(double threshold, int linearSteps) implements StepSchedule {
    public static final String TYPE = "linear-quadratic";
    public static final double DEFAULT_THRESHOLD = 0.025;
    public static final ParameterRange THRESHOLD = ParameterRange.open("threshold", 0, 1);
    public static final ParameterRange LINEAR_STEPS = ParameterRange.closed("linear-steps", 0, 10_000);

    public LinearQuadraticSchedule {
        THRESHOLD.check(threshold);
        LINEAR_STEPS.checkInt(linearSteps);
    }

    public int linearStepsFor(int steps) {
        return linearSteps == 0 ? steps / 2 : linearSteps;
    }

    @Override
    public SigmaGrid sigmaGrid(int steps, GridConvention convention) {
        double[] sigmas = new double[steps + 1];
        if (steps == 1) {
            sigmas[0] = 1;
            return SigmaGrid.withScaledTimesteps(sigmas);
        }
        int l = linearStepsFor(steps);
        if (l < 1 || l >= steps) {
            throw new InvalidParameterException("linear-steps",
                    "must be in [1, " + (steps - 1) + "] for " + steps + " steps, got " + l);
        }
        double theta = threshold;
        double d = l - theta * steps;
        int q = steps - l;
        double quadratic = d / (l * (double) q * q);
        double linear = theta / l - 2 * d / ((double) q * q);
        double constant = quadratic * l * (double) l;
        for (int i = 0; i < steps; i++) {
            double a = i < l ? i * theta / l : quadratic * i * (double) i + linear * i + constant;
            sigmas[i] = 1.0 - a;
        }
        sigmas[steps] = 0;
        for (int i = 1; i <= steps; i++) {
            if (sigmas[i] > sigmas[i - 1]) {
                throw new InvalidParameterException("threshold", String.format(Locale.ROOT,
                        "%s is too large for %d steps with %d linear steps: σ would rise at step %d "
                                + "(needs threshold ≤ 2L/(N+L) = %.4f)",
                        ParameterRange.format(theta), steps, l, i, 2.0 * l / (steps + l)));
            }
        }
        return SigmaGrid.withScaledTimesteps(sigmas);
    }

    @Override
    public String label() {
        return "linear-quadratic θ=" + ParameterRange.format(threshold)
                + (linearSteps == 0 ? "" : " L=" + linearSteps);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", TYPE);
        d.put("threshold", threshold);
        if (linearSteps != 0) {
            d.put("linear-steps", linearSteps);
        }
        return d;
    }
}
