package studio.timestep.schedule;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studio.timestep.param.ParameterRange;

/**
 * Keeps a curve's name true to its parameters: a name that states the shift ("Wan2.1 T2V (shift 5)",
 * "Lorentz s=3") or the step count ("… 50 steps") follows when they change, so legends, export file
 * names and snippet headers never name a value the curve no longer has. Other names stay as given.
 */
final class CurveNames {
    private static final Pattern SHIFT = Pattern.compile("(?i)(\\bshift\\s*=?\\s*|\\bs\\s*=\\s*)(\\d+(?:\\.\\d+)?)");
    private static final Pattern STEPS = Pattern.compile("(?i)\\b(\\d+)(\\s*steps)\\b");

    private CurveNames() {
    }

    static String follow(String name, CurveSetup before, StepSchedule schedule, int steps) {
        String n = name;
        Double oldShift = shift(before.schedule());
        Double newShift = shift(schedule);
        if (oldShift != null && newShift != null && !oldShift.equals(newShift)) {
            n = replace(n, SHIFT, oldShift, ParameterRange.format(newShift));
        }
        if (before.steps() != steps) {
            n = replace(n, STEPS, before.steps(), Integer.toString(steps));
        }
        return n;
    }

    private static Double shift(StepSchedule s) {
        if (s instanceof FlowShiftCurve f) {
            return f.shift();
        }
        if (s instanceof LorentzShiftCurve l) {
            return l.shift();
        }
        if (s instanceof TimestepListSchedule t) {
            return t.shift();
        }
        return null;
    }

    /** Replaces the numbers the pattern finds that equal {@code old}, keeping the words around them. */
    private static String replace(String name, Pattern pattern, double old, String replacement) {
        Matcher m = pattern.matcher(name);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean shiftFirst = pattern == SHIFT;
            String number = shiftFirst ? m.group(2) : m.group(1);
            String text = Double.parseDouble(number) == old
                    ? (shiftFirst ? m.group(1) + replacement : replacement + m.group(2)) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }
}
