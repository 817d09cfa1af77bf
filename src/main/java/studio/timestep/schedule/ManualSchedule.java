package studio.timestep.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import studio.timestep.param.InvalidParameterException;

/**
 * A sigma list given by hand (pasted from ComfyUI, diffusers or a script). Its length fixes
 * the step count; a list that does not end in 0 gets a final 0, as diffusers appends one to
 * the {@code sigmas=} it is given.
 */
public final class ManualSchedule implements StepSchedule {
    public static final String TYPE = "manual";
    public static final int MAX_STEPS = 10_000;

    private final double[] sigmas;

    public ManualSchedule(double[] sigmas) {
        double[] s = sigmas.length > 0 && sigmas[sigmas.length - 1] != 0
                ? Arrays.copyOf(sigmas, sigmas.length + 1) : sigmas.clone();
        if (s.length < 2 || !(s[0] > 0)) {
            throw new InvalidParameterException("sigmas", "needs at least one sigma above 0 before the final 0"
                    + (s.length == 0 ? "" : ", got " + s.length + " value(s) starting at " + s[0]));
        }
        if (s.length > MAX_STEPS + 1) {
            throw new InvalidParameterException("sigmas", "at most " + MAX_STEPS + " steps, got " + (s.length - 1));
        }
        for (int i = 0; i < s.length; i++) {
            if (!(s[i] >= 0 && s[i] <= 1)) {
                throw new InvalidParameterException("sigmas", "value " + (i + 1) + " (" + s[i] + ") is outside [0, 1]");
            }
            if (i > 0 && s[i] > s[i - 1]) {
                throw new InvalidParameterException("sigmas", "value " + (i + 1) + " (" + s[i]
                        + ") rises above the one before it (" + s[i - 1] + "); sigmas must not increase");
            }
        }
        this.sigmas = s;
    }

    /**
     * Reads numbers separated by commas, spaces, semicolons or new lines, with or without
     * brackets: "1.0, 0.9, 0.5, 0.0", "[1.0 0.5 0]", one per line.
     */
    public static ManualSchedule parse(String text) {
        String body = text.replaceAll("[\\[\\]()]", " ").trim();
        if (body.isEmpty()) {
            throw new InvalidParameterException("sigmas", "no numbers found");
        }
        List<Double> values = new ArrayList<>();
        for (String token : body.split("[,;\\s]+")) {
            if (token.isEmpty()) {
                continue;
            }
            try {
                double v = Double.parseDouble(token);
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                values.add(v);
            } catch (NumberFormatException e) {
                throw new InvalidParameterException("sigmas", "'" + token + "' (value " + (values.size() + 1)
                        + ") is not a number");
            }
        }
        return new ManualSchedule(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public int steps() {
        return sigmas.length - 1;
    }

    public double sigma(int i) {
        return sigmas[i];
    }

    /** Sets σ_i, clamped between its neighbours so the list stays non-increasing; the final 0 stays. */
    public ManualSchedule withSigma(int i, double value) {
        if (i < 0 || i >= steps()) {
            return this;
        }
        double[] s = sigmas.clone();
        double upper = i == 0 ? 1 : s[i - 1];
        s[i] = Math.max(s[i + 1], Math.min(upper, value));
        return new ManualSchedule(s);
    }

    @Override
    public SigmaGrid sigmaGrid(int steps, GridConvention convention) {
        return SigmaGrid.withScaledTimesteps(sigmas);
    }

    @Override
    public OptionalInt fixedSteps() {
        return OptionalInt.of(steps());
    }

    @Override
    public String label() {
        return "manual (" + steps() + " steps)";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", TYPE);
        d.put("sigmas", Arrays.stream(sigmas).boxed().toList());
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManualSchedule m && Arrays.equals(sigmas, m.sigmas);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sigmas);
    }

    @Override
    public String toString() {
        return label();
    }
}
