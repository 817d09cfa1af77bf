package studio.timestep.schedule;

import studio.timestep.param.NamedOption;

/** The two forms of diffusers' {@code time_shift(mu, 1.0, t)}. */
public enum TimeShift implements NamedOption {
    /** e^μ / (e^μ + (1/u - 1)): the flow shift with s = e^μ. */
    EXPONENTIAL("exponential"),
    /** μ / (μ + (1/u - 1)): the flow shift with s = μ. */
    LINEAR("linear");

    private final String id;

    TimeShift(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    public static TimeShift fromId(String id) {
        return NamedOption.parse(TimeShift.class, "time-shift", id);
    }
}
