package studio.timestep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.io.AtomicFiles;
import studio.timestep.io.OutputPaths;
import studio.timestep.model.LoadedModel;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.report.CacheSweepFigure;
import studio.timestep.report.Figure;
import studio.timestep.report.L1Charts;
import studio.timestep.run.CacheComparison;
import studio.timestep.run.CacheEquivalents;
import studio.timestep.run.RunException;
import studio.timestep.run.RunJob;
import studio.timestep.run.RunLabels;
import studio.timestep.run.RunModels;
import studio.timestep.run.RunOutcome;
import studio.timestep.run.RunOutputs;
import studio.timestep.run.RunQueue;
import studio.timestep.run.RunRequest;
import studio.timestep.run.Sweep;
import studio.timestep.schedule.GridConvention;

/** Runs a grid of step counts × flow shifts × frame counts (synchronous T2V) in sequence. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Sample every combination of steps, shift and frames (video frames; Wan: 4k + 1); "
                + "write sweep.csv and the sweep figure (a row of panels per facet value) as sweep.png and sweep.svg.")
public final class SweepCommand implements Callable<Integer> {
    @Option(names = "--steps", split = ",", required = true, description = "step counts, e.g. 10,20,50") List<Integer> steps;
    @Option(names = "--shift", split = ",", required = true, description = "flow shifts, e.g. 3,7,11") List<Double> shifts;
    @Option(names = "--frames", split = ",", required = true, description = "video frame counts, e.g. 1,9,17") List<Integer> frames;
    @Option(names = "--convention", defaultValue = "euler-sigmas", description = "grid convention (default: ${DEFAULT-VALUE})")
    String convention;
    @Option(names = "--signal", defaultValue = "guided", description = "L1 signal plotted: latent, cond, guided")
    String signal;
    @Option(names = "--colour", paramLabel = "PARAM", description = "steps, shift or frames: the colour of the series "
            + "in each panel (default: the first that varies)")
    String colour;
    @Option(names = "--facet", paramLabel = "PARAM", description = "steps, shift or frames: one row of panels per value "
            + "(default: the next that varies)")
    String facet;
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

    @Mixin
    RunOptions runOptions;

    @Mixin
    CacheOptions cacheOptions;

    @Spec
    CommandSpec spec;

    /**
     * One run against the cache at each --cache-threshold: the uncached run once, then a cached run per threshold;
     * cache_sweep.csv and cache_sweep.png (error against speed-up).
     */
    private int cacheSweep(List<RunJob> jobs) throws IOException {
        if (jobs.size() != 1) {
            throw new UserInputException("--cache: a cache sweep runs one combination over its --cache-threshold list; give one "
                    + "value each to --steps, --shift and --frames (got " + jobs.size() + " combinations)");
        }
        RunRequest request = jobs.get(0).request();
        int rows = request.plan().rows();
        cacheOptions.check(rows);
        Path folder = OutputPaths.folder("out", out);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        RunModels models = new RunModels();
        RunQueue.Listener quiet = new RunQueue.Listener() {
        };
        cacheOptions.calibrate(request, models, quiet, folder, err);
        err.println("the run without the cache…");
        CacheComparison.Reference reference = CacheComparison.reference(request, models, quiet);
        StringBuilder csv = new StringBuilder("method,threshold,calls,computed,skipped,call_speedup,seconds,reference_seconds,"
                + "time_speedup,latent_error,psnr_mean_db,psnr_min_db,equivalent_steps,equivalent_error,best_flow_shift,"
                + "best_flow_shift_error\n");
        List<CacheSweepFigure.Point> points = new ArrayList<>();
        stdout.printf(Locale.ROOT, "%s, %s: threshold, calls computed / all, speed-up in calls, in time, final latent error; "
                        + "at as many steps without a cache: the computed rows' schedule, the best flow shift (of %s)%n",
                cacheOptions.method, RunLabels.of(request.traits()), Arrays.toString(CacheEquivalents.SHIFTS));
        for (double threshold : cacheOptions.thresholds) {
            CacheComparison.Report r = CacheComparison.cached(request, models, cacheOptions.choice(threshold), reference, quiet);
            int calls = r.cache().calls().size();
            double callSpeedup = r.cache().callSpeedup();
            CacheEquivalents.Result eq = CacheEquivalents.of(request, r, models);
            double[] psnr = r.framePsnr();
            String line = String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%.4f,%.4f,%.4f,%.4f,%.6g,%.3f,%.3f,%d,%.6g,%s,%.6g",
                    cacheOptions.method, threshold, calls, r.computed(), r.skipped(), callSpeedup, r.cachedSeconds(),
                    r.referenceSeconds(), r.referenceSeconds() / r.cachedSeconds(), r.latentError(),
                    Arrays.stream(psnr).average().orElse(Double.NaN), Arrays.stream(psnr).min().orElse(Double.NaN), eq.steps(),
                    eq.equivalentError(), eq.bestShift(), eq.bestShiftError());
            csv.append(line).append('\n');
            points.add(eq.point(threshold, r));
            stdout.printf(Locale.ROOT, "  %-8s %3d / %-3d  %.2f×  %.2f×  %.4g;  %d steps: %.4g, shift %s: %.4g%n", threshold,
                    r.computed(), calls, callSpeedup, r.referenceSeconds() / r.cachedSeconds(), r.latentError(), eq.steps(),
                    eq.equivalentError(), eq.bestShift(), eq.bestShiftError());
            stdout.flush();
        }
        AtomicFiles.writeString(folder.resolve("cache_sweep.csv"), csv.toString());
        Figure.write(new CacheSweepFigure(cacheOptions.method + " threshold sweep", points), folder.resolve("cache_sweep.png"),
                900, 540, 144);
        stdout.println("wrote cache_sweep.csv and cache_sweep.png to " + folder);
        stdout.flush();
        return 0;
    }

    @Override
    public Integer call() throws IOException {
        if (!L1Charts.SIGNALS.contains(signal)) {
            throw new InvalidParameterException("signal", "must be latent, cond or guided, got '" + signal + "'");
        }
        for (String[] o : new String[][] {{"colour", colour}, {"facet", facet}}) {
            if (o[1] != null && !List.of("steps", "shift", "frames").contains(o[1])) {
                throw new InvalidParameterException(o[0], "must be steps, shift or frames, got '" + o[1] + "'");
            }
        }
        List<RunJob> jobs = new Sweep(steps, shifts, frames, GridConvention.fromId(convention), runOptions.modelSource(),
                runOptions.settings(Path.of("."))).jobs();
        if (cacheOptions.active()) {
            return cacheSweep(jobs);
        }
        List<String> labels = RunLabels.of(jobs.stream().map(j -> j.request().traits()).toList());
        Path folder = OutputPaths.folder("out", out);
        PrintWriter err = spec.commandLine().getErr();
        List<RunOutcome> outcomes = new RunQueue(new RunModels()).run(jobs, new RunQueue.Listener() {
            @Override
            public void started(int index, RunJob job, LoadedModel model) {
                err.printf("run %d/%d: %s%n", index + 1, jobs.size(), labels.get(index));
                err.flush();
            }
        });
        RunOutcome last = outcomes.get(outcomes.size() - 1);
        RunOutputs outputs = new RunOutputs(folder).writeSweep(jobs, outcomes, signal, colour, facet);
        if (!last.done()) {
            throw new RunException("run " + outcomes.size() + "/" + jobs.size() + ": " + last.describe() + "; wrote "
                    + String.join(", ", outputs.written()) + " with the runs before it to " + folder);
        }
        outputs.checkAllWritten();
        spec.commandLine().getOut().println("wrote " + outcomes.size() + " runs to " + folder);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
