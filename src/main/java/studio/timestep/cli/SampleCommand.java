package studio.timestep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.io.AtomicFiles;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.StrictJson;
import studio.timestep.io.OutputPaths;
import studio.timestep.io.PlanFiles;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.wan.WanEasyCache;
import studio.timestep.model.wan.WanFirstBlockCache;
import studio.timestep.model.wan.WanMagCache;
import studio.timestep.model.wan.WanStepCache;
import studio.timestep.model.wan.WanTeaCache;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.run.CacheComparison;
import studio.timestep.run.ModelSource;
import studio.timestep.run.PlanOrigin;
import studio.timestep.run.RunException;
import studio.timestep.run.RunJob;
import studio.timestep.run.RunLabels;
import studio.timestep.run.RunModels;
import studio.timestep.run.RunOutcome;
import studio.timestep.run.RunOutputs;
import studio.timestep.run.RunQueue;
import studio.timestep.run.RunRequest;
import studio.timestep.sampling.Backend;
import studio.timestep.sampling.RowEvent;
import studio.timestep.schedule.CurveSetup;

/** Samples a plan with the tiny model, the exact clip model or Wan and writes metrics, frames (or a latent preview), a GIF, the latents and the L1 panels. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Sample a plan (a plan file, or a template on the curve's grid) and write metrics.csv, frames/, "
                + "frames.gif, latents.safetensors (x at the end, [frames, C, H, W]) and l1.png.",
            "Defaults are the Run tab's: t2v of 16 frames on flow shift 5 under wan-unipc, 50 steps; euler; guidance 5; "
                + "prompt \"red ball\", empty negative prompt; seed 42; the shipped tiny model (--model)."})
public final class SampleCommand implements Callable<Integer> {
    @Mixin
    CurveOptions curveOptions;

    @Mixin
    TemplateOptions templateOptions;

    @Mixin
    RunOptions runOptions;

    @Option(names = "--plan", paramLabel = "FILE", description = "a plan file (instead of a template)")
    Path planFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--allow-problems", description = "run a plan file even though `plan --check` finds problems in it")
    boolean allowProblems;

    @Option(names = "--cache", defaultValue = "none", paramLabel = "METHOD", description = "a step cache around the "
            + "transformer's blocks: none, teacache (Wan variant, ali-vilab/TeaCache), magcache (Zehong-Ma/MagCache), easycache (H-EmbodVis/EasyCache) or "
            + "fbcache (first-block cache, diffusers); the run is also made without it (same seed) for the error (default: ${DEFAULT-VALUE})")
    String cacheMethod;

    @Option(names = "--cache-threshold", defaultValue = "0.05", description = "the cache's threshold (default: ${DEFAULT-VALUE})")
    double cacheThreshold;

    @Option(names = "--magcache-k", defaultValue = "2", description = "MagCache: most consecutive skips K (default: ${DEFAULT-VALUE})")
    int magcacheK;

    @Option(names = "--magcache-retention", defaultValue = "0.2", description = "MagCache: the fraction of calls always "
            + "computed at the start (default: ${DEFAULT-VALUE})")
    double magcacheRetention;

    @Option(names = "--magcache-ratios", paramLabel = "FILE", description = "MagCache: a JSON array of mag_ratios as "
            + "magcache_generate.py lists them (conditional and unconditional interleaved, two 1.0 first), any step count; "
            + "without it a run with the next seed calibrates them (written to mag_ratios.json)")
    Path magcacheRatios;

    @Option(names = "--teacache-coefficients", defaultValue = "raw", description = "TeaCache's rescale polynomial: raw (none), "
            + "t2v-1.3b, t2v-14b, i2v-480p, i2v-720p, or one of those with -ret-steps (signal e0, first five steps "
            + "computed); the polynomials were fitted on those Wan checkpoints (default: ${DEFAULT-VALUE})")
    String teacacheCoefficients;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RunRequest request = request();
        Path folder = OutputPaths.folder("out", out);
        PrintWriter err = spec.commandLine().getErr();
        Supplier<WanStepCache> cache = cache(request);
        err.println("backend: " + Backend.describe());
        RunQueue.Listener progress = new RunQueue.Listener() {
            @Override
            public void started(int index, RunJob job, LoadedModel model) {
                err.println("model: " + model.velocity().name());
            }

            @Override
            public void row(int index, RowEvent e) {
                err.printf(Locale.ROOT, "\rrow %d/%d", e.metrics().row() + 1, e.metrics().rows());
                err.flush();
            }
        };
        RunModels models = new RunModels();
        CacheComparison.Report cached = null;
        RunOutcome outcome;
        if (cache == null) {
            outcome = new RunQueue(models).run(List.of(RunJob.single(request)), progress).get(0);
        } else {
            CacheComparison.check(request, models.model(request.model(), request.plan().frames()));
            if (cacheMethod.equals("magcache") && magcacheRatios == null) {
                err.println("calibrating MagCache's ratios on a run with seed " + (request.settings().seed() + 1));
                magRatios = CacheComparison.calibrateMagCache(request, models, progress);
                AtomicFiles.writeString(folder.resolve("mag_ratios.json"), ratiosJson(magRatios));
                err.println();
            }
            cached = CacheComparison.run(request, models, cache, progress);
            outcome = cached.cached();
        }
        err.println();
        if (outcome.kind() == RunOutcome.Kind.FAILED && outcome.rows().isEmpty()) {
            throw new RunException(outcome.message());
        }
        RunOutputs outputs = new RunOutputs(folder).writeRun(outcome, RunLabels.of(request.traits()), "guided");
        if (!outcome.done()) {
            throw new RunException(outcome.describe() + "; wrote " + String.join(", ", outputs.written()) + " to " + folder);
        }
        outputs.checkAllWritten();
        if (cached != null) {
            AtomicFiles.writeString(folder.resolve("cache.csv"), cacheCsv(cached.cache()));
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: %d of %d transformer calls computed, %d skipped; %.2f s against "
                            + "%.2f s without the cache (%.2f×); final latent error Σ|x − x_ref| / Σ|x_ref| = %.4g; "
                            + "cache.csv has every call%n", cached.cache().describe(), cached.computed(),
                    cached.cache().calls().size(), cached.skipped(), cached.cachedSeconds(), cached.referenceSeconds(),
                    cached.referenceSeconds() / cached.cachedSeconds(), cached.latentError());
        }
        boolean approximate = outcome.model().preview().approximate();
        spec.commandLine().getOut().println("wrote " + outcome.rows().size() + " rows of metrics, " + request.plan().frames()
                + (approximate ? " latent-preview frames (RGB projection, not decoded)" : " frames")
                + ", latents.safetensors and l1.png to " + folder);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** A new cache per run, as --cache asks (null: none); its options are checked before any work. */
    private Supplier<WanStepCache> cache(RunRequest request) {
        int steps = request.plan().rows();
        return switch (cacheMethod) {
            case "none" -> null;
            case "teacache" -> {
                WanTeaCache.Coefficients c = WanTeaCache.Coefficients.fromId(teacacheCoefficients);
                new WanTeaCache(c, cacheThreshold, steps);
                yield () -> new WanTeaCache(c, cacheThreshold, steps);
            }
            case "magcache" -> {
                double[] ratios = magcacheRatios == null ? new double[] {1, 1} : readRatios(magcacheRatios);
                try {
                    new WanMagCache(ratios, cacheThreshold, magcacheK, magcacheRetention, steps);
                } catch (InvalidParameterException e) {
                    throw e;
                } catch (IllegalArgumentException e) {
                    throw new UserInputException("--magcache-ratios: " + magcacheRatios + ": " + e.getMessage());
                }
                yield () -> new WanMagCache(magRatios != null ? magRatios : ratios, cacheThreshold, magcacheK,
                        magcacheRetention, steps);
            }
            case "easycache" -> {
                new WanEasyCache(cacheThreshold, steps);
                yield () -> new WanEasyCache(cacheThreshold, steps);
            }
            case "fbcache" -> {
                new WanFirstBlockCache(cacheThreshold);
                yield () -> new WanFirstBlockCache(cacheThreshold);
            }
            default -> throw new UserInputException("--cache: " + cacheMethod + " is not one of none, teacache, magcache, easycache, fbcache");
        };
    }

    private double[] magRatios;

    private static double[] readRatios(Path file) {
        try {
            JsonNode array = StrictJson.read(file, 1 << 20);
            if (!array.isArray()) {
                throw new UserInputException("--magcache-ratios: " + file + " should hold a JSON array of numbers");
            }
            double[] out = new double[array.size()];
            for (int i = 0; i < out.length; i++) {
                if (!array.get(i).isNumber()) {
                    throw new UserInputException("--magcache-ratios: " + file + " item " + i + " is not a number");
                }
                out[i] = array.get(i).asDouble();
            }
            return out;
        } catch (FileFormatException e) {
            throw new UserInputException("--magcache-ratios: " + e.getMessage());
        }
    }

    static String ratiosJson(double[] ratios) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < ratios.length; i++) {
            json.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.5f", ratios[i]));
        }
        return json.append("]\n").toString();
    }

    /** One line per transformer call: branch (0 the prompt, 1 the negative prompt), its index, signal, accumulated value, decision. */
    static String cacheCsv(WanStepCache cache) {
        StringBuilder csv = new StringBuilder("branch,call,signal,accumulated,computed\n");
        for (WanStepCache.Call c : cache.calls()) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%s,%s,%b%n", c.branch(), c.index(), number(c.signal()),
                    number(c.accumulated()), c.computed()));
        }
        return csv.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** The run these options describe, checked before anything is computed. */
    private RunRequest request() {
        ModelSource source = runOptions.modelSource();
        if (planFile != null) {
            TimestepPlan plan = readPlan();
            try {
                return new RunRequest(plan, new PlanOrigin(planFile.getFileName().toString(), null), source,
                        runOptions.settings(planFile.toAbsolutePath().getParent()), allowProblems);
            } catch (RunException e) {
                throw e.getMessage().startsWith("plan:") ? new RunException(e.getMessage() + "; --allow-problems runs it "
                        + "anyway") : e;
            }
        }
        CurveSetup setup = curveOptions.toSetupAsTheWindow();
        TimestepPlan plan = templateOptions.build(setup.grid(), runOptions.planFrames(templateOptions.frames));
        return new RunRequest(plan, new PlanOrigin(templateOptions.templateId(), setup), source,
                runOptions.settings(Path.of(".")));
    }

    private TimestepPlan readPlan() {
        try {
            return PlanFiles.read(planFile);
        } catch (IOException e) {
            throw new UserInputException("--plan: cannot read " + planFile + " (" + e.getMessage() + ")");
        } catch (FileFormatException e) {
            throw new UserInputException("--plan: " + e.getMessage());
        }
    }
}
