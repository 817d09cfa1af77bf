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
import studio.timestep.plan.PlanTemplate;
import studio.timestep.run.OptimalSteps;
import studio.timestep.run.PlanOrigin;
import studio.timestep.run.RunModels;
import studio.timestep.run.RunRequest;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.CurveWorkspace;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.ManualSchedule;

/** Optimal step placement against a teacher run (OSS): the N of the teacher's levels that best reproduce it. */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = {"Choose --student-steps of a teacher's levels (the curve options with --steps K, a synchronous t2v "
                + "of --frames) that best reproduce the teacher's trajectory (Optimal Stepsize for Diffusion Sampling, "
                + "local form). Prints the sigmas; --out writes them as a curve file."})
public final class OptimizeCommand implements Callable<Integer> {
    @Mixin
    CurveOptions curveOptions;

    @Mixin
    RunOptions runOptions;

    @Option(names = "--frames", defaultValue = "16", description = "frames of the teacher's run (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--student-steps", required = true, paramLabel = "N", description = "the student's step count")
    int studentSteps;

    @Option(names = "--out", paramLabel = "FILE", description = "a curve file with the result as a manual sigma list")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CurveSetup base = curveOptions.toSetupAsTheWindow();
        Path target = out == null ? null : OutputPaths.file("out", out);
        RunRequest teacher = new RunRequest(PlanTemplate.T2V.build(Map.of("frames", runOptions.planFrames(frames)),
                base.grid()), new PlanOrigin("t2v", base), runOptions.modelSource(), runOptions.settings(Path.of(".")));
        OptimalSteps.Result r = OptimalSteps.search(teacher, studentSteps, new RunModels());
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
}
