package studio.timestep.schedule;

import java.util.Locale;

/** The two forms of diffusers' {@code time_shift(mu, 1.0, t)}. */
public enum TimeShift {
    /** e^μ / (e^μ + (1/u - 1)): the flow shift with s = e^μ. */
    EXPONENTIAL("exponential"),
    /** μ / (μ + (1/u - 1)): the flow shift with s = μ. */
    LINEAR("linear");

    private final String id;

    TimeShift(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    public static TimeShift fromId(String id) {
        for (TimeShift t : values()) {
            if (t.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new InvalidParameterException("time-shift", "must be exponential or linear, got '" + id + "'");
    }
}
