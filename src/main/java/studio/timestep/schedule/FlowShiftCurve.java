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
    public static final ParameterRange SHIFT = ParameterRange.openMin("shift", 0, 100);

    public FlowShiftCurve {
        SHIFT.check(shift);
    }

    @Override
    public double apply(double u) {
        return shift * u / (1 + (shift - 1) * u);
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
