package studio.timestep.run;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.wan.WanStepCache;
import studio.timestep.sampling.RowMetrics;

/**
 * How a run ended, with what it computed: done, cancelled (the rows done are kept) or failed
 * (a sentence saying why; rows done before are kept). {@code x} is the final sample, or null
 * when the run did not get that far; {@code model} is null when the model could not be loaded;
 * {@code cache} is the step cache the run ran under, with its every call (null: none).
 */
public record RunOutcome(Kind kind, List<RowMetrics> rows, INDArray x, LoadedModel model, String message, WanStepCache cache) {
    public enum Kind { DONE, CANCELLED, FAILED }

    public RunOutcome {
        rows = List.copyOf(rows);
    }

    public RunOutcome(Kind kind, List<RowMetrics> rows, INDArray x, LoadedModel model, String message) {
        this(kind, rows, x, model, message, null);
    }

    /**
     * Model calls the cache computed and skipped, and — given the same run without it — the final
     * latent's error and the frames' PSNR (mean and lowest frame; ∞ where equal).
     */
    public String cacheSummary(RunOutcome uncached) {
        String s = String.format(Locale.ROOT, "%d of %d calls computed", cache.computed(), cache.calls().size());
        if (uncached == null || uncached.x() == null || x == null) {
            return s;
        }
        double[] psnr = CacheComparison.framePsnr(this, uncached);
        return s + String.format(Locale.ROOT, ", error %.4g, PSNR %s dB (lowest frame %s) against the run without it",
                CacheComparison.latentError(x, uncached.x()), decibels(Arrays.stream(psnr).average().orElse(Double.NaN)),
                decibels(Arrays.stream(psnr).min().orElse(Double.NaN)));
    }

    private static String decibels(double psnr) {
        return Double.isInfinite(psnr) ? "∞" : String.format(Locale.ROOT, "%.1f", psnr);
    }

    public boolean done() {
        return kind == Kind.DONE;
    }

    /** One line for a status bar. */
    public String describe() {
        return switch (kind) {
            case DONE -> "Done: " + rows.size() + " rows";
            case CANCELLED -> "Cancelled after " + rows.size() + " rows (kept)";
            case FAILED -> "Run stopped: " + message;
        };
    }
}
