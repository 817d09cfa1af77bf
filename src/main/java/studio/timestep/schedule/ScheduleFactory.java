package studio.timestep.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import studio.timestep.param.InvalidParameterException;

/**
 * Builds schedules from their description: a type and named parameters, as the command line
 * options and the JSON files spell them ({@link StepSchedule#describe()} is the inverse). Every
 * value is checked; an {@link InvalidParameterException} names the field that is wrong.
 */
public final class ScheduleFactory {
    /** Every schedule type, in the order menus show them. */
    public static final List<String> TYPES = List.of(FlowShiftCurve.TYPE, DynamicShiftCurve.TYPE,
            LorentzShiftCurve.TYPE, CdfShiftCurve.TYPE, DrawnShiftCurve.TYPE, LinearQuadraticSchedule.TYPE,
            ManualSchedule.TYPE, TimestepListSchedule.TYPE, TwoStageSchedule.TYPE);

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            FlowShiftCurve.TYPE, Set.of("shift"),
            DynamicShiftCurve.TYPE, Set.of("mu", "seq-len", "time-shift"),
            LorentzShiftCurve.TYPE, Set.of("shift"),
            CdfShiftCurve.TYPE, Set.of("cdf", "k", "center"),
            DrawnShiftCurve.TYPE, Set.of("points"),
            LinearQuadraticSchedule.TYPE, Set.of("threshold", "linear-steps"),
            ManualSchedule.TYPE, Set.of("sigmas"),
            TimestepListSchedule.TYPE, Set.of("timesteps", "shift"),
            TwoStageSchedule.TYPE, Set.of("split", "high-shift", "high-steps", "low-shift", "low-steps"));

    private ScheduleFactory() {
    }

    /** The schedule of a type with its default parameters (the identity where there is one). */
    public static StepSchedule defaultFor(String type) {
        if (ManualSchedule.TYPE.equals(type)) {
            return ManualSchedule.parse("1.0, 0.75, 0.5, 0.25, 0.0");
        }
        return fromDescription(Map.of("type", type));
    }

    /** Points a drawn curve takes from the curve it replaces: enough to follow a steep shift near 0. */
    static final double[] DRAWN_FROM_X = {0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9};

    /**
     * The curve the type choice switches to: a drawn curve starts from the current curve's shape
     * (points on it, joined by PCHIP), so a user reshapes it instead of starting over from a
     * straight line; any other type starts from its defaults.
     */
    public static StepSchedule switchTo(String type, StepSchedule current) {
        if (DrawnShiftCurve.TYPE.equals(type) && current instanceof ShiftCurve curve && !(current instanceof DrawnShiftCurve)) {
            List<double[]> points = new ArrayList<>();
            double lastY = 0;
            for (double x : DRAWN_FROM_X) {
                double y = Math.max(lastY, Math.min(1, curve.apply(x)));
                points.add(new double[] {x, y});
                lastY = y;
            }
            return DrawnShiftCurve.through(points);
        }
        return type.equals(current.describe().get("type")) ? current : defaultFor(type);
    }

    public static StepSchedule fromDescription(Map<String, ?> d) {
        Object typeValue = d.get("type");
        if (!(typeValue instanceof String type)) {
            throw new InvalidParameterException("type", "is missing; one of " + String.join(", ", TYPES));
        }
        Set<String> allowed = FIELDS.get(type);
        if (allowed == null) {
            throw new InvalidParameterException("type", "must be one of " + String.join(", ", TYPES)
                    + ", got '" + type + "'");
        }
        for (String key : d.keySet()) {
            if (!key.equals("type") && !allowed.contains(key)) {
                throw new InvalidParameterException(key, "is not a parameter of a " + type + " curve (it takes "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
        return switch (type) {
            case FlowShiftCurve.TYPE -> new FlowShiftCurve(number(d, "shift", 1.0));
            case LorentzShiftCurve.TYPE -> new LorentzShiftCurve(number(d, "shift", 1.0));
            case DynamicShiftCurve.TYPE -> dynamic(d);
            case CdfShiftCurve.TYPE -> new CdfShiftCurve(CdfFamily.fromId(text(d, "cdf", "logistic")),
                    number(d, "k", 3.0), number(d, "center", 0.5));
            case DrawnShiftCurve.TYPE -> d.containsKey("points")
                    ? DrawnShiftCurve.through(points(d.get("points"))) : DrawnShiftCurve.identity();
            case LinearQuadraticSchedule.TYPE -> new LinearQuadraticSchedule(
                    number(d, "threshold", LinearQuadraticSchedule.DEFAULT_THRESHOLD),
                    integer(d, "linear-steps", 0));
            case TimestepListSchedule.TYPE -> new TimestepListSchedule(timestepList(d.get("timesteps")),
                    number(d, "shift", 1.0));
            // defaults: Wan2.2 T2V-A14B's split (0.875), its 40 steps halved between the stages
            case TwoStageSchedule.TYPE -> new TwoStageSchedule(number(d, "split", 0.875), number(d, "high-shift", 5.0),
                    integer(d, "high-steps", 20), number(d, "low-shift", 5.0), integer(d, "low-steps", 20));
            default -> manual(d.get("sigmas"));
        };
    }

    /**
     * The schedule with one parameter changed, as an editor changes it: giving μ drops the token
     * count it came from, giving tokens (or a Wan video size, key "wan-video") replaces μ, tokens
     * of 0 go back to μ, and switching the time shift of a direct μ starts from that form's
     * identity. A refused value names the parameter that was changed.
     */
    public static StepSchedule withParameter(StepSchedule schedule, String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>(schedule.describe());
        switch (key) {
            case "mu" -> d.remove("seq-len");
            case "seq-len", "wan-video" -> d.remove("mu");
            default -> { }
        }
        if (key.equals("wan-video")) {
            d.put("seq-len", DynamicShiftCurve.parseWanVideo(value.toString()));
        } else if (key.equals("seq-len") && value instanceof Number n && n.doubleValue() == 0) {
            d.remove("seq-len");
            d.put("mu", 0.0);
        } else {
            d.put(key, value);
        }
        if (key.equals("time-shift") && d.containsKey("mu") && !d.containsKey("seq-len")) {
            d.put("mu", "linear".equals(value) ? 1.0 : 0.0);
        }
        try {
            return fromDescription(d);
        } catch (InvalidParameterException e) {
            throw e.field().equals(key) || key.equals("wan-video") ? e : new InvalidParameterException(key, e.getMessage());
        }
    }

    private static StepSchedule dynamic(Map<String, ?> d) {
        TimeShift timeShift = TimeShift.fromId(text(d, "time-shift", "exponential"));
        if (d.containsKey("mu")) {
            double mu = number(d, "mu", 0);
            int seqLen = d.containsKey("seq-len") ? integer(d, "seq-len", 0) : 0;
            return new DynamicShiftCurve(mu, timeShift, seqLen);
        }
        if (d.containsKey("seq-len")) {
            return DynamicShiftCurve.ofSequenceLength(integer(d, "seq-len", 0), timeShift);
        }
        return DynamicShiftCurve.ofMu(timeShift == TimeShift.EXPONENTIAL ? 0 : 1, timeShift);
    }

    private static double[] timestepList(Object value) {
        return value == null ? new double[] {1000, 750, 500, 250} : numbers("timesteps", value, TimestepListSchedule::parse);
    }

    private static StepSchedule manual(Object value) {
        if (value == null) {
            throw new InvalidParameterException("sigmas", "is required for a manual schedule");
        }
        return value instanceof String s ? ManualSchedule.parse(s) : new ManualSchedule(numbers("sigmas", value, null));
    }

    /** A list of numbers given as text ({@code parse}) or as a JSON list. */
    private static double[] numbers(String key, Object value, Function<String, double[]> parse) {
        if (value instanceof String s && parse != null) {
            return parse.apply(s);
        }
        if (value instanceof List<?> list) {
            double[] v = new double[list.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = asNumber(key, list.get(i));
            }
            return v;
        }
        throw new InvalidParameterException(key, "must be a list of numbers");
    }

    private static List<double[]> points(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new InvalidParameterException("points", "must be a list of [x, y] pairs");
        }
        List<double[]> points = new ArrayList<>();
        for (Object p : list) {
            if (!(p instanceof List<?> pair) || pair.size() != 2) {
                throw new InvalidParameterException("points", "point " + (points.size() + 1) + " must be a pair [x, y]");
            }
            points.add(new double[] {asNumber("points", pair.get(0)), asNumber("points", pair.get(1))});
        }
        return points;
    }

    private static double number(Map<String, ?> d, String key, double fallback) {
        return d.containsKey(key) ? asNumber(key, d.get(key)) : fallback;
    }

    private static int integer(Map<String, ?> d, String key, int fallback) {
        if (!d.containsKey(key)) {
            return fallback;
        }
        double v = asNumber(key, d.get(key));
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new InvalidParameterException(key, "must be a whole number, got " + v);
        }
        return (int) v;
    }

    private static String text(Map<String, ?> d, String key, String fallback) {
        Object v = d.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw new InvalidParameterException(key, "must be text, got " + v);
        }
        return s;
    }

    private static double asNumber(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            // a plain decimal only: Java's parser would also take "5f", "0x1p3" and "Infinity"
            if (!DECIMAL.matcher(s.trim()).matches()) {
                throw new InvalidParameterException(key, "'" + s + "' is not a number");
            }
            return Double.parseDouble(s.trim());
        }
        throw new InvalidParameterException(key, "must be a number, got " + v);
    }
}
