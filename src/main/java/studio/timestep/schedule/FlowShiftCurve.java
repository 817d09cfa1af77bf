package studio.timestep.schedule;

import java.util.LinkedHashMap;
import java.util.Map;
import studio.timestep.param.ParameterRange;

/**
 * The flow shift of SD3, HunyuanVideo, Wan and static FLUX: g(u) = s·u / (1 + (s-1)·u);
 * g'(0) = s, g'(1) = 1/s, s = 1 is the identity (SD3, Esser et al. 2024; diffusers
 * {@code FlowMatchEulerDiscreteScheduler}).
 */
public record FlowShiftCurve(double shift) implements ShiftCurve {
    public static final String TYPE = "flow-shift";
    /**
     * Shifts below 0.01 put all but the last step at σ ≈ 0 (and below about 1e-16 the arithmetic
     * itself fails: sigmas of Infinity); 100 is beyond any published setting.
     */
    public static final ParameterRange SHIFT = ParameterRange.closed("shift", 0.01, 100);

    public FlowShiftCurve {
        SHIFT.check(shift);
    }

    /** Written as s·u / (s·u + 1 − u) so that g(0) = 0 and g(1) = 1 exactly, whatever the rounding. */
    @Override
    public double apply(double u) {
        if (u <= 0) {
            return 0;
        }
        if (u >= 1) {
            return 1;
        }
        return shift * u / (shift * u + (1 - u));
    }

    @Override
    public String label() {
        return "flow shift s=" + ParameterRange.format(shift);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", TYPE);
        d.put("shift", shift);
        return d;
    }
}
