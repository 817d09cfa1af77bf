package studio.timestep.schedule;

import java.util.LinkedHashMap;
import java.util.Map;
import studio.timestep.param.ParameterRange;

/**
 * The Lorentz (arctan) shift of the article "WAN2.1のL1推移": g(u) = ½·(1 + atan(k·(2u-1)) / atan(k)), k = √(s²-1).
 * After normalisation the slope at the centre over the slope at the ends is exactly s²
 * (s = 7: ends 0.099, centre 4.85). s = 1 is the identity, taken as the limit.
 */
public record LorentzShiftCurve(double shift) implements ShiftCurve {
    public static final String TYPE = "lorentz";
    public static final ParameterRange SHIFT = ParameterRange.closed("shift", 1, 100);

    public LorentzShiftCurve {
        SHIFT.check(shift);
    }

    private double k() {
        return Math.sqrt(shift * shift - 1);
    }

    @Override
    public double apply(double u) {
        double k = k();
        if (k == 0) {
            return u;
        }
        return 0.5 * (1 + Math.atan(k * (2 * u - 1)) / Math.atan(k));
    }

    @Override
    public String label() {
        return "Lorentz s=" + ParameterRange.format(shift);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", TYPE);
        d.put("shift", shift);
        return d;
    }
}
