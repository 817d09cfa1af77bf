package studio.timestep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.io.AtomicFiles;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.OutputPaths;
import studio.timestep.io.PlanFiles;
import studio.timestep.model.LoadedModel;
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

    @Mixin
    CacheOptions cacheOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RunRequest request = request();
        Path folder = OutputPaths.folder("out", out);
        PrintWriter err = spec.commandLine().getErr();
        boolean cache = cacheOptions.active();
        cacheOptions.check(request.plan().rows());
        double threshold = cacheOptions.single();
        err.println("backend: " + Backend.describe());
        long[] loopStart = {0};
        RunQueue.Listener progress = new RunQueue.Listener() {
            @Override
            public void started(int index, RunJob job, LoadedModel model) {
                err.println("model: " + model.velocity().name());
                loopStart[0] = System.nanoTime();
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
        if (!cache) {
            outcome = new RunQueue(models).run(List.of(RunJob.single(request)), progress).get(0);
        } else {
            cacheOptions.calibrate(request, models, progress, folder, err);
            cached = CacheComparison.run(request, models, cacheOptions.choice(threshold), progress);
            outcome = cached.cached();
        }
        err.println();
        if (!cache) {
            // the sampling loop against the whole command so far (issue 15: the rest should not dominate)
            err.printf(Locale.ROOT, "sampling %.1f s; %.1f s since the JVM started%n", (System.nanoTime() - loopStart[0]) / 1e9,
                    ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
        }
        if (outcome.kind() == RunOutcome.Kind.FAILED && outcome.rows().isEmpty()) {
            throw new RunException(outcome.message());
        }
        RunOutputs outputs = new RunOutputs(folder).writeRun(outcome, RunLabels.of(request.traits()), "guided");
        if (!outcome.done()) {
            throw new RunException(outcome.describe() + "; wrote " + String.join(", ", outputs.written()) + " to " + folder);
        }
        outputs.checkAllWritten();
        if (cached != null) {
            AtomicFiles.writeString(folder.resolve("cache.csv"), CacheOptions.callsCsv(cached.cache()));
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: %d of %d transformer calls computed, %d skipped; %.2f s against "
                            + "%.2f s without the cache (%.2f×); final latent error Σ|x − x_ref| / Σ|x_ref| = %.4g; "
                            + "cache.csv has every call%n", cached.cache().describe(), cached.computed(),
                    cached.cache().calls().size(), cached.skipped(), cached.cachedSeconds(), cached.referenceSeconds(),
                    cached.referenceSeconds() / cached.cachedSeconds(), cached.latentError());
            double[] psnr = cached.framePsnr();
            int worst = 0;
            for (int f = 1; f < psnr.length; f++) {
                worst = psnr[f] < psnr[worst] ? f : worst;
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "frames against the run without the cache: PSNR mean %.2f dB, lowest "
                            + "%.2f dB (frame %d)%s%n", java.util.Arrays.stream(psnr).average().orElse(Double.NaN), psnr[worst], worst,
                    outcome.model().finalFrames().approximate() ? " — of the latent projection, not decoded frames" : "");
        }
        boolean approximate = outcome.model().finalFrames().approximate();
        boolean decoded = outcome.model().decoded() != null;
        spec.commandLine().getOut().println("wrote " + outcome.rows().size() + " rows of metrics, "
                + (decoded ? request.model().videoFrames(request.plan().frames()) + " frames decoded by the VAE"
                : request.plan().frames() + (approximate ? " latent-preview frames (RGB projection, not decoded)" : " frames"))
                + ", latents.safetensors and l1.png to " + folder);
        spec.commandLine().getOut().flush();
        return 0;
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
        return templateOptions.request(curveOptions, runOptions);
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
