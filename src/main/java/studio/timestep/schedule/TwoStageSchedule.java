package studio.timestep.schedule;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import studio.timestep.param.ParameterRange;

/**
 * A schedule split by σ rather than by step, for two-expert models (Wan2.2 A14B switches experts
 * where t = 1000·σ falls below its boundary): stage 1 runs from σ = 1 down to {@code split} in
 * {@code highSteps} steps, stage 2 from {@code split} down to 0 in {@code lowSteps} steps, each
 * shaped by its own flow shift over its own range, σ = lo + (hi − lo)·s·u / (1 + (s − 1)·u) with
 * u falling linearly from 1 to 0 (the SD3 / Wan shift mapped onto the stage). The stages meet at
 * {@code split} exactly. Under Wan2.2's rule (t ≥ boundary·1000 runs the high-noise expert) a
 * boundary equal to the split gives the high-noise expert stage 1 and the step that starts at the
 * split; a boundary just above it gives it stage 1 alone.
 */
public record TwoStageSchedule(double split, double highShift, int highSteps, double lowShift, int lowSteps)
        implements StepSchedule {
    public static final String TYPE = "two-stage";
    public static final ParameterRange SPLIT = ParameterRange.open("split", 0, 1);

    public TwoStageSchedule {
        SPLIT.check(split);
        ParameterRange.closed("high-shift", 0.01, 100).check(highShift);
        ParameterRange.closed("low-shift", 0.01, 100).check(lowShift);
        ParameterRange.closed("high-steps", 1, 1000).checkInt(highSteps);
        ParameterRange.closed("low-steps", 1, 1000).checkInt(lowSteps);
    }

    @Override
    public SigmaGrid sigmaGrid(int steps, GridConvention convention) {
        double[] sigmas = new double[highSteps + lowSteps + 1];
        for (int i = 0; i <= highSteps; i++) {
            sigmas[i] = stage(1, split, highShift, 1 - (double) i / highSteps);
        }
        for (int j = 1; j <= lowSteps; j++) {
            sigmas[highSteps + j] = stage(split, 0, lowShift, 1 - (double) j / lowSteps);
        }
        return SigmaGrid.withScaledTimesteps(sigmas);
    }

    private static double stage(double hi, double lo, double shift, double u) {
        return lo + (hi - lo) * shift * u / (1 + (shift - 1) * u);
    }

    @Override
    public OptionalInt fixedSteps() {
        return OptionalInt.of(highSteps + lowSteps);
    }

    @Override
    public String label() {
        return "two-stage split σ=" + ParameterRange.format(split) + " (" + highSteps + " steps shift "
                + ParameterRange.format(highShift) + ", " + lowSteps + " steps shift " + ParameterRange.format(lowShift) + ")";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", TYPE);
        d.put("split", split);
        d.put("high-shift", highShift);
        d.put("high-steps", highSteps);
        d.put("low-shift", lowShift);
        d.put("low-steps", lowSteps);
        return d;
    }
}
