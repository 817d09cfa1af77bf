package studio.timestep.run;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.wan.WanMagCache;
import studio.timestep.model.wan.WanStepCache;
import studio.timestep.model.wan.WanVelocityModel;
import studio.timestep.sampling.RowMetrics;
import studio.timestep.sampling.SamplerKind;

/**
 * A run under a step cache set against the same run without it (same seed, plan and settings):
 * the uncached run first, then the cached one, each timed; the calls the cache computed and
 * skipped; and the final latent's error, Σ|x − x_ref| / Σ|x_ref|.
 */
public final class CacheComparison {
    /** What the two runs gave. */
    public record Report(RunOutcome reference, RunOutcome cached, WanStepCache cache, double referenceSeconds,
                         double cachedSeconds) {
        public long computed() {
            return cache.computed();
        }

        public long skipped() {
            return cache.calls().size() - cache.computed();
        }

        /** Σ|x − x_ref| / Σ|x_ref| of the final latents (0 when the cache skipped nothing). */
        public double latentError() {
            return CacheComparison.latentError(cached.x(), reference.x());
        }

        public double[] framePsnr() {
            return CacheComparison.framePsnr(cached, reference);
        }

        /** Two runs already made (the window's queue), untimed. */
        public static Report of(RunOutcome reference, RunOutcome cached) {
            return new Report(reference, cached, cached.cache(), Double.NaN, Double.NaN);
        }
    }

    /**
     * PSNR of each frame of a run against another's, 10·log10(1 / MSE) over the frames as pictures
     * (RGB clipped to [−1, 1], mapped to [0, 1]; for Wan the latent projection, not decoded frames);
     * infinite where the frames are equal.
     */
    public static double[] framePsnr(RunOutcome run, RunOutcome reference) {
        INDArray a = run.model().finalFrames().rgb(run.x());
        INDArray b = reference.model().finalFrames().rgb(reference.x());
        long frames = a.size(0);
        // mean squared difference per frame in one pass, then 10·log10(1 / MSE)
        INDArray mse = Transforms.pow(clip(a).subi(clip(b)), 2, false).reshape(frames, a.length() / frames).mean(1);
        return Transforms.log(mse, false).muli(-10 / Math.log(10)).toDoubleVector();
    }

    private static INDArray clip(INDArray rgb) {
        return Transforms.min(Transforms.max(rgb.castTo(DataType.DOUBLE), -1), 1).addi(1).divi(2);
    }

    /** Σ|x − x_ref| / Σ|x_ref|. */
    public static double latentError(INDArray x, INDArray reference) {
        return Transforms.abs(x.sub(reference)).sumNumber().doubleValue() / Transforms.abs(reference).sumNumber().doubleValue();
    }

    private CacheComparison() {
    }

    /**
     * Refuses, before any work, a cache on a model without transformer blocks or with a sampler
     * that evaluates the model more than once a row (the caches count one call per step).
     */
    public static void check(RunRequest request, LoadedModel model) {
        if (!(model.velocity() instanceof WanVelocityModel)) {
            throw new RunException("cache: " + model.velocity().name() + " has no transformer blocks to skip; use the tiny "
                    + "model or a Wan folder");
        }
        if (model.lowNoise() != null) {
            throw new RunException("cache: a two-expert model (transformer_2) would need a cache per expert; run one expert");
        }
        if (request.settings().sampler() == SamplerKind.HEUN) {
            throw new RunException("cache: heun evaluates the model twice a row; the caches count one call per step "
                    + "(use euler, unipc, dpm or renoise)");
        }
    }

    /** The uncached run a cached one is judged against: made once, with its time. */
    public record Reference(RunOutcome outcome, double seconds) {
    }

    public static Report run(RunRequest request, RunModels models, StepCacheChoice cache, RunQueue.Listener listener) {
        return cached(request, models, cache, reference(request, models, listener), listener);
    }

    /** The request run without a cache, after one untimed evaluation (so no timed run pays for the JIT and first allocations). */
    public static Reference reference(RunRequest request, RunModels models, RunQueue.Listener listener) {
        LoadedModel model = models.model(request.model(), request.plan().frames());
        check(request, model);
        warmUp((WanVelocityModel) model.velocity(), request);
        long start = System.nanoTime();
        RunOutcome outcome = single(RunJob.single(request), models, listener);
        return new Reference(outcome, (System.nanoTime() - start) / 1e9);
    }

    /** The request run under {@code cache}, set against {@code reference}. */
    public static Report cached(RunRequest request, RunModels models, StepCacheChoice cache, Reference reference,
                                RunQueue.Listener listener) {
        long start = System.nanoTime();
        RunOutcome cached = single(RunJob.cached(request, cache), models, listener);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Report(reference.outcome(), cached, cached.cache(), reference.seconds(), seconds);
    }

    /**
     * MagCache's calibration for this request: the same run with the next seed (so the ratios are
     * not fitted on the run they will be judged on), every call computed, the magnitude ratios
     * recorded; {@link #magRatios} reads them, interleaved as MagCache's mag_ratios, from its outcome.
     */
    public static RunJob magCacheCalibration(RunRequest request) {
        return RunJob.cached(new RunRequest(request.plan(), request.origin(), request.model(),
                request.settings().withSeed(request.settings().seed() + 1), request.allowProblems()),
                StepCacheChoice.magCacheCalibration());
    }

    /** The ratios a MagCache calibration run recorded; null for any other outcome. */
    public static double[] magRatios(RunOutcome outcome) {
        return outcome.done() && outcome.cache() instanceof WanMagCache.Calibration c ? c.magRatios() : null;
    }

    public static double[] calibrateMagCache(RunRequest request, RunModels models, RunQueue.Listener listener) {
        return magRatios(single(magCacheCalibration(request), models, listener));
    }

    /** The request run to the end with a calibration cache (one that computes every call) on its model. */
    static void underCalibration(RunRequest request, WanStepCache calibration, RunModels models, RunQueue.Listener listener) {
        LoadedModel model = models.model(request.model(), request.plan().frames());
        check(request, model);
        WanVelocityModel velocity = (WanVelocityModel) model.velocity();
        velocity.useCache(calibration);
        try {
            single(RunJob.single(request), models, listener);
        } finally {
            velocity.useCache(null);
        }
    }

    /**
     * The run's rows with the cache's own signal, accumulated value and decision of the row's conditional
     * call (metrics.csv's cache_signal, cache_acc and skipped, the heatmap's marks).
     */
    static RunOutcome withDecisions(RunOutcome outcome, WanStepCache cache) {
        List<WanStepCache.Call> cond = cache.calls().stream().filter(c -> c.branch() == 0).toList();
        List<RowMetrics> rows = outcome.rows().stream().map(m -> m.row() < cond.size()
                ? m.withCacheDecision(cond.get(m.row()).signal(),
                cond.get(m.row()).accumulated(), !cond.get(m.row()).computed()) : m).toList();
        return new RunOutcome(outcome.kind(), rows, outcome.x(), outcome.model(), outcome.message(), cache);
    }

    private static void warmUp(WanVelocityModel velocity, RunRequest request) {
        long[] frame = velocity.frameShape();
        int frames = velocity.frames();
        double[] sigmas = new double[frames];
        java.util.Arrays.fill(sigmas, 1);
        velocity.velocities(Nd4j.randn(DataType.FLOAT, frames, frame[0], frame[1], frame[2]), sigmas, 0, frames,
                List.of(request.settings().prompts().get(0), request.settings().negativePrompt()));
    }

    private static RunOutcome single(RunJob job, RunModels models, RunQueue.Listener listener) {
        RunOutcome outcome = new RunQueue(models).run(List.of(job), listener).get(0);
        if (!outcome.done()) {
            throw new RunException(outcome.describe());
        }
        return outcome;
    }
}
