package studio.timestep.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.param.ParameterRange;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.sampling.RunSettings;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;

/**
 * The seeds' sweep: synchronous T2V for every combination of step count × flow shift × frame
 * count (video frames; a Wan plan gets the latent frames they make), one run each, in that order.
 */
public record Sweep(List<Integer> steps, List<Double> shifts, List<Integer> frames, GridConvention convention,
                    ModelSource model, RunSettings settings) {
    /** A sweep is a batch job: this many runs at most. */
    public static final int MAX_RUNS = 1000;

    public Sweep {
        steps = List.copyOf(steps);
        shifts = List.copyOf(shifts);
        frames = List.copyOf(frames);
        if (steps.isEmpty() || shifts.isEmpty() || frames.isEmpty()) {
            throw new InvalidParameterException(steps.isEmpty() ? "steps" : shifts.isEmpty() ? "shift" : "frames",
                    "give at least one value");
        }
        if ((long) steps.size() * shifts.size() * frames.size() > MAX_RUNS) {
            throw new InvalidParameterException("steps", "a sweep runs at most " + MAX_RUNS + " combinations, got "
                    + (long) steps.size() * shifts.size() * frames.size());
        }
        steps.forEach(CurveSetup.STEPS::checkInt);
        shifts.forEach(FlowShiftCurve.SHIFT::check);
        frames.forEach(ParameterRange.closed("frames", 1, 10_000)::checkInt);
    }

    /** Every combination as a job: its plan built and the request checked now, before any run starts. */
    public List<RunJob> jobs() {
        List<RunJob> jobs = new ArrayList<>();
        for (int n : steps) {
            for (double s : shifts) {
                for (int f : frames) {
                    CurveSetup base = new CurveSetup("sweep", new FlowShiftCurve(s), convention, n, true);
                    TimestepPlan plan = PlanTemplate.T2V.build(Map.of("frames", model.planFrames(f)), base.grid());
                    Map<String, String> columns = new LinkedHashMap<>();
                    columns.put("steps", Integer.toString(n));
                    columns.put("shift", ParameterRange.format(s));
                    columns.put("frames", Integer.toString(f));
                    jobs.add(new RunJob(new RunRequest(plan, new PlanOrigin(PlanTemplate.T2V.id(), base), model, settings),
                            columns));
                }
            }
        }
        return jobs;
    }

    /** A comma-separated list of whole numbers, as a sweep field takes it. */
    public static List<Integer> parseInts(String field, String text) {
        return parse(field, text, Integer::parseInt, "a whole number (give e.g. 10,20,50)");
    }

    /** A comma-separated list of numbers. */
    public static List<Double> parseDoubles(String field, String text) {
        return parse(field, text, Double::parseDouble, "a number (give e.g. 3,7,11)");
    }

    private static <T> List<T> parse(String field, String text, Function<String, T> parser, String what) {
        List<T> values = new ArrayList<>();
        for (String part : split(field, text)) {
            try {
                values.add(parser.apply(part));
            } catch (NumberFormatException e) {
                throw new InvalidParameterException(field, "'" + part + "' is not " + what);
            }
        }
        return values;
    }

    private static List<String> split(String field, String text) {
        List<String> parts = new ArrayList<>();
        for (String p : text.split(",")) {
            if (!p.isBlank()) {
                parts.add(p.trim());
            }
        }
        if (parts.isEmpty()) {
            throw new InvalidParameterException(field, "give at least one value, comma-separated");
        }
        return parts;
    }
}
