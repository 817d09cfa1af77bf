package studio.timestep.param;

import java.util.Locale;

/**
 * The allowed values of one numeric parameter. The bounds are shown to the user as an
 * interval, "(0, 100]", so they double as documentation in error messages and tooltips.
 */
public record ParameterRange(String field, double min, boolean minInclusive, double max, boolean maxInclusive) {

    public static ParameterRange closed(String field, double min, double max) {
        return new ParameterRange(field, min, true, max, true);
    }

    public static ParameterRange openMin(String field, double min, double max) {
        return new ParameterRange(field, min, false, max, true);
    }

    public static ParameterRange open(String field, double min, double max) {
        return new ParameterRange(field, min, false, max, false);
    }

    public boolean contains(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        boolean aboveMin = minInclusive ? value >= min : value > min;
        boolean belowMax = maxInclusive ? value <= max : value < max;
        return aboveMin && belowMax;
    }

    /** Returns the value, or throws naming the field and this range. */
    public double check(double value) {
        if (!contains(value)) {
            throw new InvalidParameterException(field,
                    "must be in " + this + ", got " + format(value));
        }
        return value;
    }

    /** Checks an integer parameter (the range's bounds are whole numbers). */
    public int checkInt(int value) {
        check(value);
        return value;
    }

    @Override
    public String toString() {
        return (minInclusive ? "[" : "(") + format(min) + ", " + format(max) + (maxInclusive ? "]" : ")");
    }

    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
