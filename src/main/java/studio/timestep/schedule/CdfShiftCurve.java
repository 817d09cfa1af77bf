package studio.timestep.schedule;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import studio.timestep.param.ParameterRange;

/**
 * A CDF-shaped shift curve (the HunyuanVideo L1 article's table): for a CDF F, steepness k and centre c,
 * g(u) = (F(2k(u-c)) - F(-2kc)) / (F(2k(1-c)) - F(-2kc)); with c = ½ this is
 * (F(k(2u-1)) - F(-k)) / (F(k) - F(-k)).
 */
public record CdfShiftCurve(CdfFamily family, double steepness, double center) implements ShiftCurve {
    public static final String TYPE = "cdf";
    public static final ParameterRange K = ParameterRange.closed("k", 0.01, 50);
    public static final ParameterRange CENTER = ParameterRange.open("center", 0, 1);

    public CdfShiftCurve {
        K.check(steepness);
        CENTER.check(center);
    }

    @Override
    public double apply(double u) {
        double low = family.cdf(-2 * steepness * center);
        double high = family.cdf(2 * steepness * (1 - center));
        if (u <= 0) {
            return 0;
        }
        if (u >= 1) {
            return 1;
        }
        double g = (family.cdf(2 * steepness * (u - center)) - low) / (high - low);
        return Math.max(0, Math.min(1, g));
    }

    @Override
    public String label() {
        return String.format(Locale.ROOT, "CDF %s k=%s c=%s", family.id(),
                ParameterRange.format(steepness), ParameterRange.format(center));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", TYPE);
        d.put("cdf", family.id());
        d.put("k", steepness);
        d.put("center", center);
        return d;
    }
}
