package studio.timestep.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.param.ParameterRange;
import studio.timestep.run.ModelSource;
import studio.timestep.run.RunModels;

/**
 * What a row costs per frame at a small frame count against a large one (the seeds mostly run one
 * frame, the Run tab's default is sixteen): guided Euler runs of both, interleaved in blocks in
 * one process so that both see the same state of a shared machine, each block running the small
 * count as many times as it takes to sample as many frame-rows as one large run. Blocks run untimed
 * first, for {@link BenchCommand#WARM_UP_SECONDS}, while the JIT compiles the run's loops.
 */
@Command(name = "frames", mixinStandardHelpOptions = true,
        description = "Cost per row and frame of runs at two frame counts, interleaved, and their ratio.")
final class FrameCountBench implements Runnable {
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
        GuidedRunWorkload[] workloads = new GuidedRunWorkload[2];
        for (int k = 0; k < 2; k++) {
            workloads[k] = new GuidedRunWorkload(counts[k], models.model(source, counts[k]), steps);
        }
        out.printf(Locale.ROOT, "%d-row guided Euler runs of t2v on the %s model at %d and %d frames, interleaved%n",
                steps, model, small, large);
        out.flush();
        int repeats = large / small;
        double[][] perFrameRow = {new double[blocks * repeats], new double[blocks]};
        int untimed = BenchCommand.untimedFor(() -> block(workloads, repeats, perFrameRow, 0), BenchCommand.WARM_UP_SECONDS);
        for (int b = 0; b < blocks; b++) {
            block(workloads, repeats, perFrameRow, b);
        }
        out.printf(Locale.ROOT, "%d untimed blocks (%.0f s), then %d%n", untimed, BenchCommand.WARM_UP_SECONDS, blocks);
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

    /** One block: the small count {@code repeats} times, then the large once; ms per row and frame into block {@code b}. */
    private static void block(GuidedRunWorkload[] workloads, int repeats, double[][] perFrameRow, int b) {
        for (int i = 0; i < repeats; i++) {
            perFrameRow[0][b * repeats + i] = msPerFrameRow(workloads[0]);
        }
        perFrameRow[1][b] = msPerFrameRow(workloads[1]);
    }

    private static double msPerFrameRow(GuidedRunWorkload w) {
        return w.seconds() * 1000 / w.plan().rows() / w.frames();
    }

}
