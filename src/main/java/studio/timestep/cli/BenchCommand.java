package studio.timestep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.model.AnalyticFlowModel;
import studio.timestep.model.ClipCollection;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.Prompt;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.param.ParameterRange;
import studio.timestep.plan.PlanEdits;
import studio.timestep.plan.PlanHeatmap;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.PlanValidator;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.run.ModelSource;
import studio.timestep.run.RunModels;
import studio.timestep.sampling.Backend;
import studio.timestep.schedule.CdfFamily;
import studio.timestep.schedule.CdfShiftCurve;
import studio.timestep.schedule.CurvePlotData;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.CurveWorkspace;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.LorentzShiftCurve;
import studio.timestep.schedule.SigmaGrid;

/** Benchmarks, run on demand and reported as medians (never as timed unit tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure the speed of the product's hot paths.",
        subcommands = {BenchCommand.ScheduleBench.class, BenchCommand.PlanBench.class, WanBlockBench.class, UmT5LayerBench.class, VaeFrameBench.class,
                RunMemoryBench.class, FrameCountBench.class, WindowStartBench.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    RunOptions runOptions;

    @Option(names = "--frames", defaultValue = "16", description = "frames of the default workload (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--iterations", defaultValue = "30", description = "timed model evaluations, taken in blocks of ten (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--numpy", arity = "0..1", fallbackValue = "src/bench/analytic_model.py", paramLabel = "SCRIPT",
            description = "also run the numpy anchor (default script: ${FALLBACK-VALUE}) and print both")
    Path numpy;

    /**
     * The embedded model against the memory bound: one guided evaluation (prompt and negative
     * prompt together) of the default workload, the time to stream the clip collection once
     * (a reduction over it), their ratio, and rows per second of a 50-row guided Euler run.
     * Subcommands bench the editors.
     */
    @Override
    public void run() {
        ParameterRange.closed("frames", 1, 1024).checkInt(frames);
        ParameterRange.closed("iterations", 3, 10_000).checkInt(iterations);
        PrintWriter out = spec.commandLine().getOut();
        NumpyAnchor.checkScript(numpy);
        if (runOptions.modelSource() instanceof ModelSource.WanFolder) {
            throw new InvalidParameterException("model", "bench times the exact clips model; `bench wan-block` times Wan");
        }
        LoadedModel loaded = new RunModels().model(runOptions.exactClips(), frames);
        AnalyticFlowModel model = (AnalyticFlowModel) loaded.velocity();
        ClipCollection clips = model.clips();
        out.printf(Locale.ROOT, "backend: %s; runs use %d of %d cores%n", Backend.describe(),
                Backend.runThreads(), Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "workload: %d clips x %d frames x 3 x %d x %d (%.1f MiB of FLOAT), guided (2 prompts)%n",
                clips.size(), frames, clips.height(), clips.width(), clips.bytes() / 1048576.0);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(
                DataType.FLOAT, frames, 3, clips.height(), clips.width());
        double[] sigma = new double[frames];
        Arrays.fill(sigma, 0.7);
        List<Prompt> prompts = List.of(new Prompt.Text("red ball"), Prompt.NONE);
        // evaluation and streaming alternate in blocks of ten, so that both see the same state of a shared
        // machine without the thread pools being resized between every two samples; the evaluation runs
        // as a run does (Backend.runThreads()), the streaming bound with every core
        Runnable evaluation = () -> model.velocities(x, sigma, 0, frames, prompts);
        // the memory bound: one memcpy of the collection's native buffer (a real pass, reading it once; an ND4J
        // reduction over it ran at a quarter of that rate)
        Pointer source = clips.clips().data().addressPointer();
        Pointer copy = new BytePointer(clips.bytes());
        Runnable streaming = () -> Pointer.memcpy(copy, source, clips.bytes());
        int untimedEvaluations;
        try (var limit = Backend.limitThreads(Backend.runThreads())) {
            untimedEvaluations = untimedFor(evaluation, WARM_UP_SECONDS);
        }
        int blocks = Math.max(1, iterations / 10);
        double[] evals = new double[blocks * 10];
        double[] streams = new double[blocks * 10];
        for (int b = 0; b < blocks; b++) {
            System.arraycopy(sortedMillis(streaming, 3, 10), 0, streams, b * 10, 10);
            try (var limit = Backend.limitThreads(Backend.runThreads())) {
                System.arraycopy(sortedMillis(evaluation, 3, 10), 0, evals, b * 10, 10);
            }
        }
        Arrays.sort(evals);
        Arrays.sort(streams);
        double stream = streams[streams.length / 2];
        double eval = evals[evals.length / 2];
        out.printf(Locale.ROOT, "model evaluation (guided): median %.3f ms (after %d untimed, %.0f s)%n", eval,
                untimedEvaluations, WARM_UP_SECONDS);
        out.printf(Locale.ROOT, "copy the collection once (memcpy): median %.3f ms (%.1f GB/s read)%n", stream,
                clips.bytes() / (stream / 1000) / 1e9);
        out.printf(Locale.ROOT, "ratio evaluation / memory bound: %.2f (medians of %d samples each; target <= 2)%n",
                eval / stream, evals.length);
        copy.close();
        if (numpy != null) {
            JsonNode anchor = NumpyAnchor.run(numpy, Backend.runThreads(), "--clips", Integer.toString(clips.size()), "--frames",
                    Integer.toString(frames), "--frame-size", Long.toString(clips.frameSize()), "--iterations",
                    Integer.toString(iterations));
            double numpyEval = anchor.get("evaluation_seconds").asDouble() * 1000;
            double numpyPass = anchor.get("pass_seconds").asDouble() * 1000;
            out.printf(Locale.ROOT, "numpy %s on %d thread(s), as the run: evaluation median %.3f ms, one pass over the "
                            + "collection %.3f ms (%.1f GB/s); ND4J evaluation / numpy evaluation %.2f (target <= 1.5)%n",
                    anchor.get("numpy").asText(), Backend.runThreads(), numpyEval, numpyPass, clips.bytes() / (numpyPass / 1000) / 1e9, eval / numpyEval);
        }
        GuidedRunWorkload run = new GuidedRunWorkload(frames, loaded, 50);
        int untimed = untimedFor(run::seconds, WARM_UP_SECONDS);
        double[] runs = new double[9];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = run.seconds();
        }
        Arrays.sort(runs);
        double median = runs[runs.length / 2];
        out.printf(Locale.ROOT, "50-row guided Euler run: median %.3f s, %.1f rows/s (%d runs after %d untimed)%n", median,
                50 / median, runs.length, untimed);
        out.flush();
    }

    /**
     * Untimed work before the timed, for the JIT: at one frame C2 compiled the evaluation only after
     * a few thousand calls (medians of the first 4,000 evaluations 0.4–0.8 ms, of the next 0.15–0.2;
     * a warm-up of 3 calls per block of 10 timed ones measured the interpreter and C1 instead).
     */
    static final double WARM_UP_SECONDS = 3;

    /** Runs {@code work} for {@code seconds}, at least once; the number of runs. */
    static int untimedFor(Runnable work, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int count = 0;
        do {
            work.run();
            count++;
        } while (System.nanoTime() < end);
        return count;
    }

    /** Times {@code runs} calls after {@code warmup} untimed ones; milliseconds, sorted. */
    static double[] sortedMillis(Runnable work, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    /**
     * The curve editor's update path: a parameter change of one curve, then the chart data of
     * every curve (g, g', sigma grid, Δσ, 1000 - t) recomputed, as the editor does on each edit.
     */
    @Command(name = "schedule", mixinStandardHelpOptions = true,
            description = "Time from a parameter change to updated chart data, several overlaid curves.")
    static final class ScheduleBench implements Runnable {
        @Option(names = "--steps", defaultValue = "1000", description = "steps per curve (default: ${DEFAULT-VALUE})")
        int steps;

        @Option(names = "--curves", defaultValue = "4", description = "overlaid curves (default: ${DEFAULT-VALUE})")
        int curves;

        @Option(names = "--iterations", defaultValue = "500", description = "timed edits (default: ${DEFAULT-VALUE})")
        int iterations;


        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            CurveSetup.STEPS.checkInt(steps);
            ParameterRange.closed("curves", 1, 64).checkInt(curves);
            ParameterRange.closed("iterations", 10, 1_000_000).checkInt(iterations);
            CurveWorkspace[] workspace = {workspace()};
            int[] edit = {0};
            double[] millis = sortedMillis(() -> {
                workspace[0] = edit(workspace[0], edit[0]++);
                consume(workspace[0]);
            }, Math.max(200, iterations / 5), iterations);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "curve editor update: %d curves x %d steps, %d edits%n", curves, steps, iterations);
            out.printf(Locale.ROOT, "  median %.3f ms, p90 %.3f ms, max %.3f ms (target: median < 16 ms)%n",
                    millis[iterations / 2], millis[(int) (iterations * 0.9)], millis[iterations - 1]);
            out.flush();
        }

        private CurveWorkspace workspace() {
            List<CurveSetup> list = new ArrayList<>();
            GridConvention[] conventions = GridConvention.values();
            for (int i = 0; i < curves; i++) {
                var schedule = switch (i % 3) {
                    case 0 -> new FlowShiftCurve(3 + i);
                    case 1 -> new LorentzShiftCurve(3 + i);
                    default -> new CdfShiftCurve(CdfFamily.GAUSSIAN, 2 + i, 0.5);
                };
                list.add(new CurveSetup("curve " + i, schedule, conventions[i % conventions.length], steps, true));
            }
            return new CurveWorkspace(list);
        }

        private static CurveWorkspace edit(CurveWorkspace w, int i) {
            return w.update(0, c -> c.withSchedule(new FlowShiftCurve(1 + (i % 200) * 0.05)));
        }

        private static double sink;

        private static void consume(CurveWorkspace w) {
            for (CurveSetup c : w.curves()) {
                CurvePlotData d = CurvePlotData.of(c);
                sink += d.g()[d.g().length / 2] + d.stepSizes()[0];
            }
        }
    }

    /**
     * The plan editor's hot paths on a large plan: the heatmap raster for the whole plan and for
     * a zoomed view, the validator, and building the largest templates.
     */
    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Heatmap redraw, validation and template build times for a large plan.")
    static final class PlanBench implements Runnable {
        @Option(names = "--size", defaultValue = "2000", description = "frames and rows of the plan (default: ${DEFAULT-VALUE})")
        int size;

        @Option(names = "--pixels", defaultValue = "1200x800", description = "heatmap size in pixels (default: ${DEFAULT-VALUE})")
        String pixels;

        @Option(names = "--iterations", defaultValue = "100", description = "timed repetitions (default: ${DEFAULT-VALUE})")
        int iterations;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            ParameterRange.closed("size", 2, 4096).checkInt(size);
            ParameterRange.closed("iterations", 5, 100_000).checkInt(iterations);
            String[] wh = pixels.split("x");
            int w = Integer.parseInt(wh[0]);
            int h = Integer.parseInt(wh[1]);
            SigmaGrid grid = new FlowShiftCurve(5).sigmaGrid(size, GridConvention.EULER_SIGMAS);
            TimestepPlan plan = PlanTemplate.T2V.build(
                    Map.of("frames", size), grid);
            int[] raster = new int[w * h];
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "plan %d rows x %d frames, heatmap %dx%d px, %d runs each (medians)%n",
                    plan.rows(), plan.frames(), w, h, iterations);
            report(out, "heatmap raster, whole plan (target < 16 ms)", () -> PlanHeatmap.render(plan,
                    0, plan.rows(), 0, plan.frames(), w, h, raster));
            report(out, "heatmap raster, zoomed to 200 x 200 cells", () -> PlanHeatmap.render(plan,
                    900, 200, 900, 200, w, h, raster));
            report(out, "validator, whole plan", () -> PlanValidator.validate(plan, 0));
            report(out, "build t2v " + size + " frames x " + size + " steps",
                    () -> PlanTemplate.T2V.build(Map.of("frames", size), grid));
            // the pyramid has steps + frames − 1 rows at u = 1: its frames are capped so that they stay within a plan's rows
            int pyramidFrames = Math.min(size, TimestepPlan.MAX_SIZE + 1 - size);
            report(out, "build df-pyramid " + pyramidFrames + " frames, u = 1 (" + (size + pyramidFrames - 1) + " rows)",
                    () -> PlanTemplate.DF_PYRAMID.build(
                            Map.of("frames", pyramidFrames, "uncertainty", 1), grid));
            report(out, "brush edit (copy of the level matrix)",
                    () -> PlanEdits.paint(plan, 10, 10, 3, 0.5));
            out.flush();
        }

        private void report(PrintWriter out, String what, Runnable work) {
            double[] ms = sortedMillis(work, Math.max(3, iterations / 10), iterations);
            out.printf(Locale.ROOT, "  %-55s median %8.3f ms   p90 %8.3f ms%n", what, ms[iterations / 2],
                    ms[(int) (iterations * 0.9)]);
        }
    }
}
