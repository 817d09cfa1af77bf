package studio.timestep.run;

import java.util.List;
import studio.timestep.model.wan.WanEasyCache;
import studio.timestep.model.wan.WanFirstBlockCache;
import studio.timestep.model.wan.WanMagCache;
import studio.timestep.model.wan.WanStepCache;
import studio.timestep.model.wan.WanTeaCache;

/**
 * A step cache and its setting, as a run asks for it; {@link #create} makes the cache for one run
 * (a cache holds one run's state). MagCache needs its ratios ({@code magRatios}, MagCache's
 * interleaved list); {@link #magCacheCalibration} is the run that records them.
 */
public record StepCacheChoice(String method, double threshold, WanTeaCache.Rescale teacacheCoefficients, int magcacheK,
                              double magcacheRetention, double[] magRatios) {
    public static final List<String> METHODS = List.of("teacache", "magcache", "easycache", "fbcache");
    private static final String MAGCACHE_CALIBRATION = "magcache calibration";

    public StepCacheChoice {
        if (!METHODS.contains(method) && !method.equals(MAGCACHE_CALIBRATION)) {
            throw new IllegalArgumentException("cache: " + method + " is not one of " + String.join(", ", METHODS));
        }
        create(method, threshold, teacacheCoefficients, magcacheK, magcacheRetention, magRatios, 1); // checks the settings
    }

    /** A cache with its sources' defaults: TeaCache raw, MagCache K 2 and retention 0.2 (with the given ratios). */
    public static StepCacheChoice of(String method, double threshold) {
        return new StepCacheChoice(method, threshold, WanTeaCache.Coefficients.RAW.rescale(), 2, 0.2, new double[] {1, 1});
    }

    /** A run that computes every call and records MagCache's ratios ({@link WanMagCache.Calibration#magRatios}). */
    public static StepCacheChoice magCacheCalibration() {
        return new StepCacheChoice(MAGCACHE_CALIBRATION, 0, WanTeaCache.Coefficients.RAW.rescale(), 0, 0, new double[] {1, 1});
    }

    /** The same choice at another threshold. */
    public StepCacheChoice withThreshold(double t) {
        return new StepCacheChoice(method, t, teacacheCoefficients, magcacheK, magcacheRetention, magRatios);
    }

    /** The same choice with MagCache ratios (a calibration's). */
    public StepCacheChoice withMagRatios(double[] ratios) {
        return new StepCacheChoice(method, threshold, teacacheCoefficients, magcacheK, magcacheRetention, ratios);
    }

    /** A new cache for a run of {@code steps} model evaluations per prompt. */
    public WanStepCache create(int steps) {
        return create(method, threshold, teacacheCoefficients, magcacheK, magcacheRetention, magRatios, steps);
    }

    /** What a run label says. */
    public String describe() {
        return create(1).describe();
    }

    private static WanStepCache create(String method, double threshold, WanTeaCache.Rescale coefficients, int k,
                                       double retention, double[] ratios, int steps) {
        return switch (method) {
            case "teacache" -> new WanTeaCache(coefficients, threshold, steps);
            case "magcache" -> new WanMagCache(ratios, threshold, k, retention, steps);
            case "easycache" -> new WanEasyCache(threshold, steps);
            case MAGCACHE_CALIBRATION -> new WanMagCache.Calibration();
            default -> new WanFirstBlockCache(threshold);
        };
    }
}
