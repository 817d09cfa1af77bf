package studio.timestep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.Prompt;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.param.ParameterRange;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.run.ModelSource;
import studio.timestep.run.RunModels;
import studio.timestep.sampling.RunSettings;
import studio.timestep.sampling.SamplerKind;
import studio.timestep.sampling.SamplingRun;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;

/**
 * What a row costs per frame at a small frame count against a large one (the seeds mostly run one
 * frame, the Run tab's default is sixteen): guided Euler runs of both, interleaved in blocks in
 * one process so that both see the same state of a shared machine, each block running the small
 * count as many times as it takes to sample as many frame-rows as one large run. The first blocks
 * are untimed: the JIT compiles the run's loops there (see {@link BenchCommand#WARM_UP_SECONDS}).
 */
@Command(name = "frames", mixinStandardHelpOptions = true,
        description = "Cost per row and frame of runs at two frame counts, interleaved, and their ratio.")
final class FrameCountBench implements Runnable {
    private static final int UNTIMED_BLOCKS = 3;

    @Option(names = "--small", defaultValue = "1", description = "the small frame count (default: ${DEFAULT-VALUE})")
    int small;

    @Option(names = "--large", defaultValue = "16", description = "the large frame count (default: ${DEFAULT-VALUE})")
    int large;

    @Option(names = "--blocks", defaultValue = "20", description = "timed blocks (default: ${DEFAULT-VALUE})")
    int blocks;

    @Option(names = "--steps", defaultValue = "50", description = "rows of each run (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--model", defaultValue = "exact", description = "exact (the exact clips model) or tiny (the shipped "
            + "tiny Wan) (default: ${DEFAULT-VALUE})")
    String model;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ParameterRange.closed("small", 1, 1024).checkInt(small);
        ParameterRange.closed("large", 1, 1024).checkInt(large);
        if (large % small != 0) {
            throw new InvalidParameterException("large", "should be a multiple of --small (" + small + "), got " + large);
        }
        ParameterRange.closed("blocks", 3, 10_000).checkInt(blocks);
        ParameterRange.closed("steps", 1, 10_000).checkInt(steps);
        ModelSource source = RunMemoryBench.source(model);
        PrintWriter out = spec.commandLine().getOut();
        RunModels models = new RunModels();
        int[] counts = {small, large};
        Workload[] workloads = new Workload[2];
        for (int k = 0; k < 2; k++) {
            workloads[k] = new Workload(counts[k], models.model(source, counts[k]), steps);
        }
        out.printf(Locale.ROOT, "%d-row guided Euler runs of t2v on the %s model at %d and %d frames, interleaved "
                + "(%d untimed blocks, then %d)%n", steps, model, small, large, UNTIMED_BLOCKS, blocks);
        out.flush();
        int repeats = large / small;
        double[][] perFrameRow = {new double[blocks * repeats], new double[blocks]};
        for (int b = -UNTIMED_BLOCKS; b < blocks; b++) {
            for (int i = 0; i < repeats; i++) {
                double ms = workloads[0].msPerFrameRow();
                if (b >= 0) {
                    perFrameRow[0][b * repeats + i] = ms;
                }
            }
            double ms = workloads[1].msPerFrameRow();
            if (b >= 0) {
                perFrameRow[1][b] = ms;
            }
        }
        double[] medians = new double[2];
        for (int k = 0; k < 2; k++) {
            double[] t = perFrameRow[k];
            Arrays.sort(t);
            medians[k] = t[t.length / 2];
            out.printf(Locale.ROOT, "%d frame(s): %.3f ms per row and frame (median of %d runs; quartiles %.3f–%.3f)%n",
                    counts[k], medians[k], t.length, t[t.length / 4], t[3 * t.length / 4]);
        }
        out.printf(Locale.ROOT, "ratio %d-frame / %d-frame per row and frame: %.2f (target <= 1)%n", small, large,
                medians[0] / medians[1]);
        out.flush();
    }

    /** One frame count's run: the plan, the model and the settings, made once. */
    private record Workload(int frames, TimestepPlan plan, LoadedModel model, RunSettings settings) {
        Workload(int frames, LoadedModel model, int steps) {
            this(frames, PlanTemplate.T2V.build(Map.of("frames", frames),
                            new FlowShiftCurve(5).sigmaGrid(steps, GridConvention.EULER_SIGMAS)), model,
                    new RunSettings(SamplerKind.EULER, 5, List.of(new Prompt.Text("red ball")), Prompt.NONE, 1, Path.of(".")));
        }

        double msPerFrameRow() {
            long start = System.nanoTime();
            new SamplingRun(plan, model, settings).run(e -> { });
            return (System.nanoTime() - start) / 1e6 / plan.rows() / frames;
        }
    }
}
