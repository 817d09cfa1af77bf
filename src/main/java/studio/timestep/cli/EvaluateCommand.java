package studio.timestep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.model.ClipCollection;
import studio.timestep.model.MovingShapeClips;
import studio.timestep.model.Prompt;
import studio.timestep.model.VelocityModel;
import studio.timestep.param.ParameterRange;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.run.ModelEvaluation;
import studio.timestep.run.ModelSource;
import studio.timestep.run.PlanOrigin;
import studio.timestep.run.RunException;
import studio.timestep.run.RunJob;
import studio.timestep.run.RunModels;
import studio.timestep.run.RunOutcome;
import studio.timestep.run.RunQueue;
import studio.timestep.run.RunRequest;
import studio.timestep.sampling.RowMetrics;
import studio.timestep.sampling.RunSettings;
import studio.timestep.schedule.CurveSetup;

/** A model against the exact clip model: loss by noise level on training and held-out clips, samples, L1 signals, speed. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measure a clip model (default: the shipped tiny model) against the exact clip model: flow-matching loss "
                + "by σ on the training clips and on held-out clips of the same family; for each --prompt a t2v run of the "
                + "curve options (16 frames) with its nearest training clip, shape colour and centroid smoothness, rows/s of "
                + "both models; and the longest stretch of rows whose conditional and guided L1 stay below 1e-4."})
public final class EvaluateCommand implements Callable<Integer> {
    /** Seed of the held-out clips: the same generator as the embedded collection, other clips. */
    static final long HELD_OUT_SEED = 99;

    @Mixin
    CurveOptions curveOptions;

    @Mixin
    RunOptions runOptions;

    @Option(names = "--count", defaultValue = "32", description = "clips per loss measurement (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--levels", defaultValue = "0.05,0.1,0.2,0.3,0.5,0.7,0.9", split = ",",
            description = "the σ of the loss table (default: ${DEFAULT-VALUE})")
    double[] levels;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ParameterRange.closed("count", 1, 10_000).checkInt(count);
        ModelSource source = runOptions.modelSource();
        if (source instanceof ModelSource.WanFolder) {
            throw new RunException("evaluate measures clip models (tiny or exact), not Wan");
        }
        ModelSource.EmbeddedClips exact = ModelSource.EmbeddedClips.DEFAULT;
        int frames = MovingShapeClips.DEFAULT_FRAMES;
        RunModels models = new RunModels();
        RunModels reference = new RunModels();
        PrintWriter out = spec.commandLine().getOut();
        ClipCollection training = MovingShapeClips.embedded(frames);
        ClipCollection heldOut = MovingShapeClips.generate(count, frames, MovingShapeClips.DEFAULT_SIZE, HELD_OUT_SEED);
        VelocityModel model = models.model(source, frames).velocity();
        VelocityModel exactModel = reference.model(exact, frames).velocity();
        out.printf(Locale.ROOT, "flow-matching loss by σ (synchronous, conditional on each clip's caption), %d clips each%n", count);
        out.println("sigma   model/train  exact/train  model/held-out  exact/held-out");
        double[][] table = {ModelEvaluation.lossBySigma(model, training, count, levels, 5),
            ModelEvaluation.lossBySigma(exactModel, training, count, levels, 5),
            ModelEvaluation.lossBySigma(model, heldOut, count, levels, 5),
            ModelEvaluation.lossBySigma(exactModel, heldOut, count, levels, 5)};
        for (int s = 0; s < levels.length; s++) {
            out.printf(Locale.ROOT, "%-7.3f %-12.5f %-12.5f %-15.5f %.5f%n", levels[s], table[0][s], table[1][s], table[2][s],
                    table[3][s]);
        }
        out.flush();
        CurveSetup curve = curveOptions.toSetupAsTheWindow();
        out.printf(Locale.ROOT, "%nsamples: t2v, %d frames, %s, %d steps, %s, guidance %s, seed %d%n", frames, curve.schedule().label(),
                curve.steps(), runOptions.settings(Path.of(".")).sampler().id(), runOptions.settings(Path.of(".")).guidance(),
                runOptions.settings(Path.of(".")).seed());
        out.println("prompt            colour  nearest clip (RMS)      centroid jerk  shape %   rows/s model  rows/s exact");
        for (Prompt prompt : runOptions.settings(Path.of(".")).prompts()) {
            RunSettings settings = withPrompt(runOptions.settings(Path.of(".")), prompt);
            RunRequest request = new RunRequest(PlanTemplate.T2V.build(Map.of("frames", frames), curve.grid()),
                    new PlanOrigin("t2v", curve), source, settings);
            Timed run = run(request, models);
            Timed exactRun = run(new RunRequest(request.plan(), request.origin(), exact, settings), reference);
            ModelEvaluation.SampleMeasures m = ModelEvaluation.measure(run.outcome.x(), training);
            out.printf(Locale.ROOT, "%-17s %-7s %3d \"%s\" (%.3f)  %-14.3f %-9.1f %-13.1f %.1f%n", prompt.describe(), m.colour(),
                    m.nearestClip(), training.captions().get(m.nearestClip()), m.nearestClipRms(), m.centroidJerk(),
                    100 * m.shapeFraction(), run.rowsPerSecond(), exactRun.rowsPerSecond());
            out.flush();
        }
        // the same measures of real clips of the family, for scale: held-out clips against the training clips
        double rms = 0;
        double jerk = 0;
        double shape = 0;
        int n = Math.min(count, heldOut.size());
        for (int i = 0; i < n; i++) {
            ModelEvaluation.SampleMeasures m = ModelEvaluation.measure(heldOut.clip(i), training);
            rms += m.nearestClipRms() / n;
            jerk += m.centroidJerk() / n;
            shape += 100 * m.shapeFraction() / n;
        }
        out.printf(Locale.ROOT, "for scale, %d held-out clips: nearest clip RMS %.3f, centroid jerk %.3f, shape %% %.1f (means)%n", n,
                rms, jerk, shape);
        RunSettings first = runOptions.settings(Path.of("."));
        CurveSetup fifty = curve.withSteps(50);
        RunRequest l1 = new RunRequest(PlanTemplate.T2V.build(Map.of("frames", frames), fifty.grid()), new PlanOrigin("t2v", fifty),
                source, withPrompt(first, first.prompts().get(0)));
        for (ModelSource s : List.of(source, exact)) {
            RunOutcome o = run(new RunRequest(l1.plan(), l1.origin(), s, l1.settings()), s == exact ? reference : models).outcome;
            double[] cond = o.rows().stream().mapToDouble(RowMetrics::condL1).toArray();
            double[] guided = o.rows().stream().mapToDouble(RowMetrics::guidedL1).toArray();
            out.printf(Locale.ROOT, "%n50 steps, %s: longest stretch below 1e-4 — conditional L1 %d rows, guided L1 %d rows",
                    s.label(), ModelEvaluation.longestRunBelow(cond, 1e-4), ModelEvaluation.longestRunBelow(guided, 1e-4));
        }
        out.println();
        out.flush();
        return 0;
    }

    private static RunSettings withPrompt(RunSettings s, Prompt prompt) {
        return s.withPrompts(List.of(prompt));
    }

    private record Timed(RunOutcome outcome, double seconds) {
        double rowsPerSecond() {
            return outcome.rows().size() / seconds;
        }
    }

    private static Timed run(RunRequest request, RunModels models) {
        models.model(request.model(), request.plan().frames());
        long start = System.nanoTime();
        RunOutcome o = new RunQueue(models).run(List.of(RunJob.single(request)), new RunQueue.Listener() {
        }).get(0);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!o.done()) {
            throw new RunException(o.describe());
        }
        return new Timed(o, seconds);
    }
}
