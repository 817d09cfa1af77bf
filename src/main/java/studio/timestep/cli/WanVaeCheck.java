package studio.timestep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.SafetensorsFile;
import studio.timestep.model.wan.WanVaeDecoder;
import studio.timestep.sampling.Backend;

/**
 * The Wan2.1 VAE decode against a reference case: {@code latents} [1, z, T, h, w] (as the denoiser
 * leaves them) → {@code decoder_output} (before the clamp) and {@code video} [1, 3, frames, H, W] (the
 * wan-vae golden README's keys).
 */
@Command(name = "vae-check", mixinStandardHelpOptions = true,
        description = "Run a VAE decode case; exit 0 when every output is within 1e-4 relative, 1 otherwise.")
final class WanVaeCheck implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "AutoencoderKLWan folder (config.json, "
            + "diffusion_pytorch_model.safetensors): a pipeline's vae/")
    Path model;

    @Option(names = "--case", required = true, paramLabel = "FILE", description = "case .safetensors: latents, "
            + "decoder_output, video")
    Path caseFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("backend: " + Backend.describe());
        WanVaeDecoder vae;
        try {
            vae = WanVaeDecoder.open(model);
        } catch (FileFormatException e) {
            throw new UserInputException("--model: " + e.getMessage());
        }
        try {
            SafetensorsFile file = SafetensorsFile.open(caseFile);
            INDArray latents = file.array("latents");
            if (latents.rank() != 5 || latents.size(0) != 1) {
                throw new UserInputException("--case: latents should be [1, z, frames, height, width], got "
                        + Arrays.toString(latents.shape()));
            }
            latents = latents.reshape(latents.size(1), latents.size(2), latents.size(3), latents.size(4));
            long start = System.nanoTime();
            INDArray raw = vae.decode(latents, false);
            double ms = (System.nanoTime() - start) / 1e6;
            // the decoder's frames [T, 3, H, W] in the case's layout [1, 3, T, H, W]
            INDArray asCase = raw.permute(1, 0, 2, 3).dup('c').reshape(1, raw.size(1), raw.size(0), raw.size(2), raw.size(3));
            boolean pass = CaseComparison.report(out, "decoder_output", "decoder_output", asCase, file.array("decoder_output"), ms);
            INDArray video = org.nd4j.linalg.ops.transforms.Transforms.min(
                    org.nd4j.linalg.ops.transforms.Transforms.max(asCase, -1, true), 1, false);
            pass &= CaseComparison.report(out, "video", "video", video, file.array("video"), 0);
            out.flush();
            return pass ? 0 : 1;
        } catch (FileFormatException | IllegalArgumentException e) {
            throw new UserInputException("--case: " + e.getMessage());
        }
    }
}
