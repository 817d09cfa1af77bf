package studio.timestep.schedule;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.param.ParameterRange;

/**
 * The short timestep lists step-distilled models were trained on (lightx2v / Lightning,
 * Self-Forcing, CausVid), warped by a shift before the model sees them:
 * t' = 1000·s·x / (1 + (s−1)·x), x = t/1000 — the index 1000 − t of the shifted 1000-step training
 * grid (guandeh17/Self-Forcing pipeline/causal_inference.py, {@code warp_denoising_step};
 * ModelTC/LightX2V lightx2v/models/schedulers/wan/step_distill/scheduler.py). Shift 1 uses the list
 * as it is (CausVid). The sigmas are t'/1000 and a final 0; the list fixes the step count.
 */
public record TimestepListSchedule(double[] timesteps, double shift) implements StepSchedule {
    public static final String TYPE = "timestep-list";
    public static final ParameterRange SHIFT = ParameterRange.closed("shift", 0.01, 100);
    public static final int MAX_STEPS = 1000;
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,\\[\\]]+");

    public TimestepListSchedule {
        SHIFT.check(shift);
        if (timesteps.length < 1 || timesteps.length > MAX_STEPS) {
            throw new InvalidParameterException("timesteps", "give 1 to " + MAX_STEPS + " timesteps, got " + timesteps.length);
        }
        for (int i = 0; i < timesteps.length; i++) {
            if (!(timesteps[i] > 0 && timesteps[i] <= 1000)) {
                throw new InvalidParameterException("timesteps", "value " + (i + 1) + " (" + timesteps[i] + ") is outside (0, 1000]");
            }
            if (i > 0 && !(timesteps[i] < timesteps[i - 1])) {
                throw new InvalidParameterException("timesteps", "must fall: value " + (i + 1) + " (" + timesteps[i]
                        + ") after " + timesteps[i - 1]);
            }
        }
        timesteps = timesteps.clone();
    }

    /** "1000, 750, 500, 250" (commas, spaces or brackets between the numbers). */
    public static double[] parse(String text) {
        String[] parts = SEPARATORS.split(text.trim());
        List<String> numbers = Arrays.stream(parts).filter(p -> !p.isEmpty()).toList();
        double[] t = new double[numbers.size()];
        for (int i = 0; i < t.length; i++) {
            try {
                t[i] = Double.parseDouble(numbers.get(i));
            } catch (NumberFormatException e) {
                throw new InvalidParameterException("timesteps", "'" + numbers.get(i) + "' is not a number");
            }
        }
        return t;
    }

    /** The warped timestep t' of list entry i. */
    public double warped(int i) {
        double x = timesteps[i] / 1000;
        return x >= 1 ? 1000 : 1000 * shift * x / (shift * x + (1 - x));
    }

    @Override
    public SigmaGrid sigmaGrid(int steps, GridConvention convention) {
        double[] sigmas = new double[timesteps.length + 1];
        for (int i = 0; i < timesteps.length; i++) {
            sigmas[i] = warped(i) / 1000;
        }
        return SigmaGrid.withScaledTimesteps(sigmas);
    }

    @Override
    public OptionalInt fixedSteps() {
        return OptionalInt.of(timesteps.length);
    }

    @Override
    public boolean usesConvention() {
        return false;
    }

    @Override
    public String label() {
        return "timestep list (" + timesteps.length + " steps, shift " + ParameterRange.format(shift) + ")";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", TYPE);
        d.put("timesteps", Arrays.stream(timesteps).boxed().toList());
        d.put("shift", shift);
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimestepListSchedule t && Arrays.equals(timesteps, t.timesteps) && shift == t.shift;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(timesteps) + Double.hashCode(shift);
    }

    @Override
    public String toString() {
        return label() + " " + Arrays.toString(timesteps);
    }
}
