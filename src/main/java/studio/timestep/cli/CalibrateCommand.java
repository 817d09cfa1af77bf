package studio.timestep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.io.AtomicFiles;
import studio.timestep.io.OutputPaths;
import studio.timestep.model.Prompt;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.report.CalibrationFigure;
import studio.timestep.report.Figure;
import studio.timestep.run.RunModels;
import studio.timestep.run.RunQueue;
import studio.timestep.run.RunRequest;
import studio.timestep.run.TeaCacheCalibration;

/** TeaCache's rescale polynomial for this model, steps and sampler, fitted from full runs as its authors fit theirs. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Fit TeaCache's rescale polynomial (degree 4, least squares of the output's relative L1 change against "
                + "the time embedding's, as ali-vilab/TeaCache#2 describes) from full runs, one per --prompt and seed.",
            "Writes FILE (.json: coefficients highest power first, signal, R², the points) for sample/sweep "
                + "--teacache-coefficients FILE, the fit beside it as a .png, and prints the list as TeaCache's scripts write it."})
public final class CalibrateCommand implements Callable<Integer> {
    @Mixin
    CurveOptions curveOptions;

    @Mixin
    TemplateOptions templateOptions;

    @Mixin
    RunOptions runOptions;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2", description = "seeds of the runs (default: ${DEFAULT-VALUE})")
    List<Long> seeds;

    @Option(names = "--ret-steps", description = "the signal e0 (TeaCache's use_ret_steps) rather than e")
    boolean retSteps;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the calibration, a .json file")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!out.getFileName().toString().endsWith(".json")) {
            throw new UserInputException("--out: " + out + " should be a .json file");
        }
        OutputPaths.file("out", out);
        RunRequest request = templateOptions.request(curveOptions, runOptions);
        TimestepPlan plan = request.plan();
        PrintWriter err = spec.commandLine().getErr();
        int runs = request.settings().prompts().size() * seeds.size();
        int[] done = {0};
        TeaCacheCalibration.Result r = TeaCacheCalibration.run(request, seeds, retSteps, new RunModels(), new RunQueue.Listener() {
            @Override
            public void ended(int index, studio.timestep.run.RunJob job, studio.timestep.run.RunOutcome outcome) {
                err.printf(Locale.ROOT, "\rrun %d/%d", ++done[0], runs);
                err.flush();
            }
        });
        err.println();
        double[] c = r.fit().polynomial().coefficients();
        String list = java.util.Arrays.stream(c).mapToObj(v -> String.format(Locale.ROOT, "%.8e", v))
                .collect(Collectors.joining(", ", "[", "]"));
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"signal\": \"").append(retSteps ? "e0" : "e").append("\",\n");
        json.append("  \"coefficients\": ").append(list).append(",\n");
        json.append(String.format(Locale.ROOT, "  \"r2\": %.6f,%n  \"points\": %d,%n", r.fit().r2(), r.fit().points()));
        json.append("  \"model\": \"").append(request.model().label().replace("\"", "'")).append("\",\n");
        json.append("  \"steps\": ").append(plan.rows()).append(",\n");
        json.append("  \"prompts\": ").append(request.settings().prompts().stream().map(Prompt::describe)
                .map(p -> "\"" + p.replace("\"", "'") + "\"").collect(Collectors.joining(", ", "[", "]"))).append(",\n");
        json.append("  \"x\": ").append(column(r.points(), 0)).append(",\n");
        json.append("  \"y\": ").append(column(r.points(), 1)).append("\n}\n");
        AtomicFiles.writeString(out, json.toString());
        String name = out.getFileName().toString();
        Path figure = out.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".png");
        Figure.write(new CalibrationFigure(r.points(), r.fit().polynomial(), r.fit().r2(), retSteps ? "e0" : "e"), figure, 900,
                560, 144);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "coefficients = %s  # signal %s, R² = %.3f over %d points; wrote %s and %s%n", list,
                retSteps ? "e0" : "e", r.fit().r2(), r.fit().points(), out, figure.getFileName());
        stdout.flush();
        return 0;
    }

    private static String column(List<double[]> points, int k) {
        return points.stream().map(p -> String.format(Locale.ROOT, "%.6g", p[k])).collect(Collectors.joining(", ", "[", "]"));
    }
}
