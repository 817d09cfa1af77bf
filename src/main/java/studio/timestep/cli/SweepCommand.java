package studio.timestep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import studio.timestep.io.AtomicFiles;
import studio.timestep.report.L1Charts;
import studio.timestep.report.RunMetricsCsv;
import studio.timestep.report.RunSeries;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.sampling.RowMetrics;
import studio.timestep.sampling.SamplingException;
import studio.timestep.sampling.SamplingRun;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;

/** Runs a grid of step counts × flow shifts × frame counts (synchronous T2V) in sequence. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Sample every combination of steps, shift and frames; write sweep.csv and sweep.png.")
public final class SweepCommand implements Callable<Integer> {
    @Option(names = "--steps", split = ",", required = true, description = "step counts, e.g. 10,20,50") List<Integer> steps;
    @Option(names = "--shift", split = ",", required = true, description = "flow shifts, e.g. 3,7,11") List<Double> shifts;
    @Option(names = "--frames", split = ",", required = true, description = "frame counts, e.g. 1,9,17") List<Integer> frames;
    @Option(names = "--convention", defaultValue = "euler-sigmas", description = "grid convention (default: ${DEFAULT-VALUE})")
    String convention;
    @Option(names = "--signal", defaultValue = "guided", description = "L1 signal plotted: latent, cond, guided")
    String signal;
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

    @Mixin
    RunOptions runOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        GridConvention c = GridConvention.fromId(convention);
        if (!L1Charts.SIGNALS.contains(signal)) {
            throw new studio.timestep.param.InvalidParameterException("signal", "must be latent, cond or guided");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<Map<String, String>> settings = new ArrayList<>();
        List<List<RowMetrics>> runs = new ArrayList<>();
        List<RunSeries> series = new ArrayList<>();
        int total = steps.size() * shifts.size() * frames.size();
        for (int n : steps) {
            for (double s : shifts) {
                for (int f : frames) {
                    CurveSetup setup = new CurveSetup("sweep", new FlowShiftCurve(s), c, n, true);
                    TimestepPlan plan = PlanTemplate.T2V.build(Map.of("frames", runOptions.planFrames(f)), setup.grid());
                    err.printf("run %d/%d: steps=%d, shift=%s, frames=%d%n", runs.size() + 1, total, n, s, f);
                    err.flush();
                    List<RowMetrics> rows;
                    try {
                        rows = new SamplingRun(plan, runOptions.model(plan.frames()), runOptions.settings(Path.of("."))).run(e -> { })
                                .rows();
                    } catch (SamplingException e) {
                        throw new UserInputException(e.getMessage());
                    }
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("steps", Integer.toString(n));
                    row.put("shift", Double.toString(s));
                    row.put("frames", Integer.toString(f));
                    settings.add(row);
                    runs.add(rows);
                    series.add(new RunSeries(SampleCommand.label(setup, plan), rows));
                }
            }
        }
        Files.createDirectories(out);
        AtomicFiles.writeString(out.resolve("sweep.csv"), RunMetricsCsv.sweep(settings, runs));
        L1Charts.of(signal, series).writePng(out.resolve("sweep.png"), 520, 420);
        spec.commandLine().getOut().println("wrote " + runs.size() + " runs to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
