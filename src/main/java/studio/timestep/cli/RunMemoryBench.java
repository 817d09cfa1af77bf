package studio.timestep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.model.Prompt;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.param.ParameterRange;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.run.ModelSource;
import studio.timestep.run.PlanOrigin;
import studio.timestep.run.RunJob;
import studio.timestep.run.RunModels;
import studio.timestep.run.RunQueue;
import studio.timestep.run.RunRequest;
import studio.timestep.sampling.RowEvent;
import studio.timestep.sampling.RunSettings;
import studio.timestep.sampling.SamplerKind;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.CurveWorkspace;

/**
 * Resident memory over many runs in one process (a long sweep, a session of runs in the window):
 * the Run tab's default run, repeated, with the resident set read from /proc after every tenth;
 * and within the first run, every twentieth row (a run's memory should not grow with its rows).
 */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "Repeat the Run tab's default run and print resident memory every ten runs, and every twenty rows "
                + "of the first.")
final class RunMemoryBench implements Runnable {
    @Option(names = "--count", defaultValue = "100", description = "runs (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--frames", defaultValue = "16", description = "frames of each run (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--steps", defaultValue = "50", description = "steps of each run (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--model", defaultValue = "tiny", description = "tiny (the shipped tiny Wan, the Run tab's default) or "
            + "exact (the exact clips model) (default: ${DEFAULT-VALUE})")
    String model;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ParameterRange.closed("count", 1, 100_000).checkInt(count);
        ParameterRange.closed("steps", 1, 10_000).checkInt(steps);
        ModelSource source = source(model);
        PrintWriter out = spec.commandLine().getOut();
        CurveSetup base = CurveWorkspace.starter().get(0);
        RunRequest request = new RunRequest(PlanTemplate.T2V.build(Map.of("frames", frames), base.withSteps(steps).grid()),
                new PlanOrigin("t2v", base), source,
                new RunSettings(SamplerKind.EULER, 5, List.of(new Prompt.Text("red ball")), Prompt.NONE, 42, Path.of(".")));
        RunModels models = new RunModels();
        out.printf(Locale.ROOT, "%d runs of t2v on the %s model, %d frames, %d rows, guided; resident memory (MiB):%n", count,
                model, frames, steps);
        out.printf(Locale.ROOT, "before: %d%n", residentMiB());
        long start = System.nanoTime();
        RunQueue.Listener byRow = new RunQueue.Listener() {
            @Override
            public void row(int index, RowEvent event) {
                int row = event.metrics().row() + 1;
                if (row % 20 == 0) {
                    out.printf(Locale.ROOT, "run 1, row %d: %d%n", row, residentMiB());
                    out.flush();
                }
            }
        };
        for (int i = 1; i <= count; i++) {
            new RunQueue(models).run(List.of(RunJob.single(request)), i == 1 ? byRow : new RunQueue.Listener() { });
            if (i % 10 == 0 || i == count) {
                out.printf(Locale.ROOT, "after %d runs: %d (%.1f s)%n", i, residentMiB(), (System.nanoTime() - start) / 1e9);
                out.flush();
            }
        }
    }

    /** The model a bench's {@code --model} names: tiny (the shipped tiny Wan) or exact (the exact clips model). */
    static ModelSource source(String model) {
        return switch (model) {
            case "tiny" -> ModelSource.TinyModel.SHIPPED;
            case "exact" -> ModelSource.EmbeddedClips.DEFAULT;
            default -> throw new InvalidParameterException("model", "should be tiny or exact, got " + model);
        };
    }

    /** Resident memory of this process (JavaCPP reads it from the OS, as {@code PeakResident} does). */
    static long residentMiB() {
        return Pointer.physicalBytes() >> 20;
    }
}
