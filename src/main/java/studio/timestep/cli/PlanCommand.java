package studio.timestep.cli;

import java.io.IOException;
import java.io.PrintWriter;
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
import studio.timestep.param.InvalidParameterException;
import studio.timestep.param.ParameterRange;
import studio.timestep.plan.PlanProblem;
import studio.timestep.plan.PlanValidator;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.report.PlanAnimation;

/** Builds a plan from a template and prints it, writes its animation, or checks a plan file. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Build a frame × timestep plan from a template (base grid from the curve options), or check a plan file.")
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    CurveOptions curveOptions;

    @Mixin
    TemplateOptions templateOptions;

    @Option(names = "--format", defaultValue = "json", description = "json, gif or png (frames folder) (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", paramLabel = "PATH", description = "output file (json, gif) or folder (png); json defaults to standard output")
    Path out;

    @Option(names = "--size", defaultValue = "640x360", description = "animation size WxH (default: ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--delay", defaultValue = "120", description = "animation delay per row in ms (default: ${DEFAULT-VALUE})")
    int delay;

    @Option(names = "--check", paramLabel = "FILE", description = "validate a plan file and list its problems (exit 1 if any)")
    Path check;

    @Option(names = "--max-window", defaultValue = "0", description = "widest window the model takes, 0 for no limit")
    int maxWindow;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        ParameterRange.closed("max-window", 0, TimestepPlan.MAX_SIZE).checkInt(maxWindow);
        // a GIF stores the delay in hundredths of a second in 16 bits
        ParameterRange.closed("delay", 10, 655_350).checkInt(delay);
        if (check != null) {
            return check(stdout);
        }
        if (out != null) {
            // the place is checked before the plan and its pictures are made: PNG frames go in a folder
            out = format.equals("png") ? OutputPaths.folder("out", out) : OutputPaths.file("out", out);
        }
        TimestepPlan plan = templateOptions.build(curveOptions.toSetup().grid());
        switch (format) {
            case "json" -> {
                String json = PlanFiles.toJson(plan);
                if (out == null) {
                    stdout.print(json);
                } else {
                    AtomicFiles.writeString(out, json);
                }
            }
            case "gif", "png" -> {
                if (out == null) {
                    throw new InvalidParameterException("out", "is required with --format " + format);
                }
                int[] wh = parseSize(size);
                if (format.equals("gif")) {
                    PlanAnimation.writeGif(plan, out, wh[0], wh[1], delay);
                } else {
                    PlanAnimation.writePngFrames(plan, out, wh[0], wh[1]);
                }
                stdout.println("wrote " + (plan.rows() + 1) + " pictures to " + out);
            }
            default -> throw new InvalidParameterException("format", "must be one of json, gif, png, got '" + format + "'");
        }
        stdout.flush();
        return 0;
    }

    private int check(PrintWriter stdout) {
        TimestepPlan plan;
        try {
            plan = PlanFiles.read(check);
        } catch (IOException e) {
            throw new UserInputException("--check: cannot read " + check + " (" + e.getMessage() + ")");
        } catch (FileFormatException e) {
            throw new UserInputException("--check: " + e.getMessage());
        }
        List<PlanProblem> problems = PlanValidator.validate(plan, maxWindow);
        problems.forEach(p -> stdout.println(check.getFileName() + ": " + p));
        stdout.println(problems.isEmpty() ? check.getFileName() + ": no problems (" + plan.rows() + " rows × "
                + plan.frames() + " frames)" : problems.size() + " problem(s)");
        stdout.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    private static int[] parseSize(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int w = Integer.parseInt(parts[0].trim());
                int h = Integer.parseInt(parts[1].trim());
                if (w >= 64 && h >= 48 && w <= 4096 && h <= 4096) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException("size", "expected WIDTHxHEIGHT from 64x48 to 4096x4096, got '" + text + "'");
    }
}
