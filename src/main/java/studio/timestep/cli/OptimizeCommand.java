package studio.timestep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.io.CurveFiles;
import studio.timestep.io.OutputPaths;
import studio.timestep.io.ScheduleExportFormat;
import studio.timestep.model.Prompt;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.run.OptimalSteps;
import studio.timestep.run.PlanOrigin;
import studio.timestep.run.RunModels;
import studio.timestep.run.RunRequest;
import studio.timestep.run.ShiftTune;
import studio.timestep.sampling.RunSettings;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.CurveWorkspace;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.ManualSchedule;

/**
 * Optimal step placement against a teacher run (OSS): the N of the teacher's levels that best
 * reproduce it; or, with --table, the best flow shift by steps × frames (shift auto-tune).
 */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = {"Choose --student-steps of a teacher's levels (the curve options with --steps K, a synchronous t2v "
                + "of --frames) that best reproduce the teacher's trajectory (Optimal Stepsize for Diffusion Sampling, "
                + "local form). Prints the sigmas; --out writes them as a curve file.",
            "With --table: the flow shift whose run ends closest to a fine reference run (Heun, 100 steps) from the same "
                + "noise, for each --table-steps × --table-frames, averaged over --seeds and the prompts; for the model "
                + "chosen (default the tiny model) and no other."})
public final class OptimizeCommand implements Callable<Integer> {
    @Mixin
    CurveOptions curveOptions;

    @Mixin
    RunOptions runOptions;

    @Option(names = "--frames", defaultValue = "16", description = "frames of the teacher's run (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--student-steps", paramLabel = "N", description = "the student's step count")
    Integer studentSteps;

    @Option(names = "--table", description = "print the best-shift table instead (shift auto-tune)")
    boolean table;

    @Option(names = "--table-steps", split = ",", defaultValue = "10,20,50", description = "table rows: step counts "
            + "(default: ${DEFAULT-VALUE})")
    int[] tableSteps;

    @Option(names = "--table-frames", split = ",", defaultValue = "1,16", description = "table columns: frame counts "
            + "(default: ${DEFAULT-VALUE})")
    int[] tableFrames;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2", description = "seeds averaged over (default: ${DEFAULT-VALUE})")
    long[] seeds;

    @Option(names = "--out", paramLabel = "FILE", description = "a curve file with the result as a manual sigma list")
    Path out;

    @Spec
    CommandSpec spec;

    private final RunModels models = new RunModels();

    @Override
    public Integer call() throws IOException {
        if (table) {
            return printTable();
        }
        if (studentSteps == null) {
            throw new InvalidParameterException("student-steps", "give the student's step count, or --table for the best-shift table");
        }
        CurveSetup base = curveOptions.toSetupAsTheWindow();
        Path target = out == null ? null : OutputPaths.file("out", out);
        RunRequest teacher = new RunRequest(PlanTemplate.T2V.build(Map.of("frames", runOptions.planFrames(frames)),
                base.grid()), new PlanOrigin("t2v", base), runOptions.modelSource(), runOptions.settings(Path.of(".")));
        OptimalSteps.Result r = OptimalSteps.search(teacher, studentSteps, models);
        String name = String.format(Locale.ROOT, "OSS %d of %d (%s, %s)", studentSteps, r.teacherSteps(),
                base.schedule().label(), teacher.settings().sampler().id());
        CurveSetup result = new CurveSetup(name, new ManualSchedule(r.sigmas()), GridConvention.EULER_SIGMAS, studentSteps,
                true);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%s: teacher levels %s%n", name, Arrays.toString(r.indices()));
        stdout.printf(Locale.ROOT, "cost %.6g (the uniform %d of %d: %.6g)%n", r.cost(), studentSteps, r.teacherSteps(),
                r.uniformCost());
        stdout.print(ScheduleExportFormat.COMFYUI.render(result));
        if (target != null) {
            CurveFiles.write(target, new CurveWorkspace(List.of(result)));
            stdout.println("wrote " + target);
        }
        stdout.flush();
        return 0;
    }

    private int printTable() {
        RunSettings settings = runOptions.settings(Path.of("."));
        GridConvention convention = curveOptions.toSetupAsTheWindow().convention();
        List<Long> seedList = Arrays.stream(seeds).boxed().toList();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        stdout.printf(Locale.ROOT, "best flow shift for %s, %s, %s, guidance %s, prompts %s, seeds %s (this model only)%n",
                runOptions.modelSource().label(), convention.id(), settings.sampler().id(), settings.guidance(),
                settings.prompts().stream().map(Prompt::describe).toList(), seedList);
        stdout.println("steps  frames  best shift  error    error at shift 5  error curve (shift:error)");
        stdout.flush();
        for (int steps : tableSteps) {
            for (int frames : tableFrames) {
                ShiftTune.Task task = new ShiftTune.Task(runOptions.modelSource(), runOptions.planFrames(frames), steps, convention,
                        settings, seedList);
                ShiftTune.Result r = ShiftTune.tune(task, models, p -> {
                    err.printf(Locale.ROOT, "\r%d steps, %d frames: shift %.3g → %.3g   ", steps, frames, p.shift(), p.error());
                    err.flush();
                }, () -> false);
                err.print("\r");
                StringBuilder curve = new StringBuilder();
                for (ShiftTune.Point p : r.curve()) {
                    curve.append(String.format(Locale.ROOT, " %.3g:%.3g", p.shift(), p.error()));
                }
                stdout.printf(Locale.ROOT, "%-6d %-7d %-11.3g %-8.3g %-17.3g%s%n", steps, frames, r.bestShift(), r.bestError(),
                        r.errorNear(5), curve);
                stdout.flush();
            }
        }
        return 0;
    }
}
