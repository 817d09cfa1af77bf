package studio.timestep.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import studio.timestep.schedule.CdfFamily;
import studio.timestep.schedule.CdfShiftCurve;
import studio.timestep.schedule.CurvePlotData;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.CurveWorkspace;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.LorentzShiftCurve;
import studio.timestep.schedule.ParameterRange;

/** Benchmarks, run on demand and reported as medians (never as timed unit tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure the speed of the product's hot paths.",
        subcommands = {BenchCommand.ScheduleBench.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
            CurveWorkspace workspace = workspace();
            for (int i = 0; i < Math.max(200, iterations / 5); i++) {
                workspace = edit(workspace, i);
                consume(workspace);
            }
            double[] millis = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                workspace = edit(workspace, i);
                consume(workspace);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
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
}
