package studio.timestep.schedule;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.param.ParameterRange;

/**
 * Dynamic (resolution-dependent) shift, diffusers {@code time_shift}: exponential
 * e^μ / (e^μ + (1/u - 1)) or linear μ / (μ + (1/u - 1)). μ is given, or computed from the
 * token count by FLUX/SD3's {@code calculate_shift} (diffusers pipelines/flux/pipeline_flux.py).
 *
 * @param sequenceLength the token count μ was computed from, or 0 when μ was given directly
 */
public record DynamicShiftCurve(double mu, TimeShift timeShift, int sequenceLength) implements ShiftCurve {
    public static final String TYPE = "dynamic";
    public static final ParameterRange EXPONENTIAL_MU = ParameterRange.closed("mu", -10, 10);
    public static final ParameterRange LINEAR_MU = ParameterRange.openMin("mu", 0, 100);
    public static final ParameterRange SEQ_LEN = ParameterRange.closed("seq-len", 1, 10_000_000);

    /** calculate_shift defaults: base_seq_len 256, max_seq_len 4096, base_shift 0.5, max_shift 1.15. */
    static final double SLOPE = (1.15 - 0.5) / (4096 - 256);
    static final double INTERCEPT = 0.5 - SLOPE * 256;

    public DynamicShiftCurve {
        (timeShift == TimeShift.EXPONENTIAL ? EXPONENTIAL_MU : LINEAR_MU).check(mu);
        if (sequenceLength != 0) {
            SEQ_LEN.checkInt(sequenceLength);
        }
    }

    public static DynamicShiftCurve ofMu(double mu, TimeShift timeShift) {
        return new DynamicShiftCurve(mu, timeShift, 0);
    }

    /** μ = seq_len·m + b (FLUX/SD3 {@code calculate_shift}). */
    public static DynamicShiftCurve ofSequenceLength(int sequenceLength, TimeShift timeShift) {
        SEQ_LEN.checkInt(sequenceLength);
        return new DynamicShiftCurve(muForSequenceLength(sequenceLength), timeShift, sequenceLength);
    }

    public static double muForSequenceLength(int sequenceLength) {
        return sequenceLength * SLOPE + INTERCEPT;
    }

    /**
     * Tokens of a Wan2.1 latent video: (1 + (frames-1)/4) latent frames of (H/16)·(W/16) patches
     * (VAE stride 4×8×8, patch 1×2×2).
     */
    public static int wanSequenceLength(int frames, int height, int width) {
        if (frames < 1 || (frames - 1) % 4 != 0) {
            throw new InvalidParameterException("frames", "must be 4k+1 (1, 5, 9, ... 81), got " + frames);
        }
        if (height < 16 || height % 16 != 0) {
            throw new InvalidParameterException("height", "must be a positive multiple of 16, got " + height);
        }
        if (width < 16 || width % 16 != 0) {
            throw new InvalidParameterException("width", "must be a positive multiple of 16, got " + width);
        }
        long tokens = (1L + (frames - 1) / 4) * (height / 16) * (width / 16);
        return (int) SEQ_LEN.check(tokens);
    }

    /** Reads "FRAMESxHEIGHTxWIDTH" (such as 81x480x832) and returns its Wan token count. */
    public static int parseWanVideo(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("\\s*[x×]\\s*");
        try {
            if (parts.length == 3) {
                return wanSequenceLength(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                        Integer.parseInt(parts[2]));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException("wan-video", "expected FRAMESxHEIGHTxWIDTH such as 81x480x832, got '"
                + text + "'");
    }

    /** The flow shift s this curve equals: e^μ or μ. */
    public double equivalentShift() {
        return timeShift == TimeShift.EXPONENTIAL ? Math.exp(mu) : mu;
    }

    @Override
    public double apply(double u) {
        if (u <= 0) {
            return 0;
        }
        double s = equivalentShift();
        return s / (s + (1 / u - 1));
    }

    @Override
    public boolean shiftsTrainingSigmas() {
        return false;
    }

    @Override
    public String label() {
        return "dynamic " + timeShift.id() + " μ=" + String.format(Locale.ROOT, "%.4g", mu);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", TYPE);
        d.put("mu", mu);
        d.put("time-shift", timeShift.id());
        if (sequenceLength != 0) {
            d.put("seq-len", sequenceLength);
        }
        return d;
    }
}
