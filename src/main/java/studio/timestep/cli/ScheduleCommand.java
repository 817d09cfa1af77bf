package studio.timestep.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.io.AtomicFiles;
import studio.timestep.io.OutputPaths;
import studio.timestep.io.ScheduleExportFormat;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.ExpertBoundary;

/** Prints (or writes) the sigma grid of a curve in one of the export formats. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Compute the sigmas and timesteps of a curve for a step count and convention.")
public final class ScheduleCommand implements Callable<Integer> {
    @Mixin
    CurveOptions curveOptions;

    @Option(names = "--format", defaultValue = "json",
            description = "json, csv, diffusers, comfyui or wan (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path out;

    @Option(names = "--boundary", paramLabel = "B", description = "Wan2.2 expert boundary in [0, 1] (T2V-A14B 0.875, "
            + "I2V-A14B 0.900): json and csv say which steps run the high-noise expert (t ≥ 1000·B)")
    Double boundary;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ScheduleExportFormat exportFormat = ScheduleExportFormat.fromId(format);
        Path target = out == null ? null : OutputPaths.file("out", out);
        CurveSetup setup = curveOptions.toSetup();
        String text = exportFormat.render(setup, boundary == null ? null : new ExpertBoundary(boundary));
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            AtomicFiles.writeString(target, text);
        }
        return 0;
    }
}
