package studio.timestep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.io.SafetensorsWriter;
import studio.timestep.model.VelocityModel;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import studio.timestep.io.AtomicFiles;
import studio.timestep.sampling.Backend;
import studio.timestep.io.FileFormatException;
import studio.timestep.report.FrameImages;
import studio.timestep.report.L1Charts;
import studio.timestep.io.PlanFiles;
import studio.timestep.report.RunMetricsCsv;
import studio.timestep.report.RunSeries;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.sampling.SamplingException;
import studio.timestep.sampling.SamplingRun;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.FlowShiftCurve;

/** Samples a plan with the embedded model or Wan and writes metrics, frames (or a latent preview), a GIF, the latents and the L1 panels. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Sample a plan (a plan file, or a template on the curve's grid) and write metrics.csv, frames/, "
                + "frames.gif, latents.safetensors (x at the end, [frames, C, H, W]) and l1.png.")
public final class SampleCommand implements Callable<Integer> {
    @Mixin
    CurveOptions curveOptions;

    @Mixin
    TemplateOptions templateOptions;

    @Mixin
    RunOptions runOptions;

    @Option(names = "--plan", paramLabel = "FILE", description = "a plan file (instead of a template)")
    Path planFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CurveSetup setup = curveOptions.toSetup();
        TimestepPlan plan = planFile != null ? readPlan() : templateOptions.build(setup.grid(),
                runOptions.planFrames(templateOptions.frames));
        PrintWriter err = spec.commandLine().getErr();
        err.println("backend: " + Backend.describe());
        SamplingRun.Result result;
        VelocityModel model = runOptions.model(plan.frames());
        err.println("model: " + model.name());
        try {
            SamplingRun run = new SamplingRun(plan, model,
                    runOptions.settings(planFile == null ? Path.of(".") : planFile.toAbsolutePath().getParent()));
            result = run.run(e -> {
                err.printf(Locale.ROOT, "\rrow %d/%d", e.metrics().row() + 1, e.metrics().rows());
                err.flush();
            });
        } catch (SamplingException e) {
            err.println();
            throw new UserInputException(e.getMessage());
        }
        err.println();
        Files.createDirectories(out);
        AtomicFiles.writeString(out.resolve("metrics.csv"), RunMetricsCsv.of(result.rows()));
        INDArray pixels = model.previewPixels(result.x());
        var pictures = FrameImages.pictures(pixels, FrameImages.scaleFor(pixels, 128));
        FrameImages.writePngs(pictures, out.resolve("frames"));
        FrameImages.writeGif(pictures, out.resolve("frames.gif"), 8);
        SafetensorsWriter.write(out.resolve("latents.safetensors"), Map.of("latents",
                new SafetensorsWriter.Tensor(result.x().dup('c').data().asFloat(), result.x().shape())));
        L1Charts.of("guided", List.of(new RunSeries(label(setup, plan), result.rows()))).writePng(out.resolve("l1.png"),
                480, 360);
        spec.commandLine().getOut().println("wrote " + result.rows().size() + " rows of metrics, " + pictures.size()
                + (model.previewIsApproximate() ? " latent-preview frames (RGB projection, not decoded)" : " frames")
                + ", latents.safetensors and l1.png to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    static String label(CurveSetup setup, TimestepPlan plan) {
        String shift = setup.schedule() instanceof FlowShiftCurve f ? "shift=" + f.shift() : setup.schedule().label();
        return "steps=" + setup.steps() + ", " + shift + ", frames=" + plan.frames();
    }

    private TimestepPlan readPlan() {
        try {
            return PlanFiles.read(planFile);
        } catch (IOException e) {
            throw new UserInputException("--plan: cannot read " + planFile + " (" + e.getMessage() + ")");
        } catch (FileFormatException e) {
            throw new UserInputException("--plan: " + e.getMessage());
        }
    }
}
