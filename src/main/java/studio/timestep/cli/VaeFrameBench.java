package studio.timestep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.SafetensorsWriter;
import studio.timestep.model.wan.WanVaeDecoder;
import studio.timestep.param.ParameterRange;
import studio.timestep.sampling.Backend;

/**
 * The Wan2.1 VAE decoder at full size (base_dim 96, z_dim 16: widths 384, 384, 384, 192, 96) with
 * random weights, decoding two latent frames at a video size: the first latent frame gives one
 * frame, the second four (the time upsampling), so the second chunk's time over four is the
 * steady cost per video frame.
 */
@Command(name = "vae-frame", mixinStandardHelpOptions = true,
        description = "The full-size Wan2.1 VAE decoder on random weights: seconds per decoded frame at a video size, peak memory.")
final class VaeFrameBench implements Callable<Integer> {
    @Option(names = "--width", defaultValue = "832", description = "video width, a multiple of 8 (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", defaultValue = "480", description = "video height, a multiple of 8 (default: ${DEFAULT-VALUE})")
    int height;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, FileFormatException {
        ParameterRange.closed("width", 8, 4096).checkInt(width);
        ParameterRange.closed("height", 8, 4096).checkInt(height);
        if (width % 8 != 0 || height % 8 != 0) {
            throw new UserInputException("--width/--height: the VAE works on multiples of 8, got " + width + "×" + height);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "backend: %s%n", Backend.describe());
        try (TempFolder temp = new TempFolder("wan-vae")) {
            Path folder = temp.path();
            long params = writeDecoder(folder);
            out.printf(Locale.ROOT, "Wan2.1 VAE decoder: %,d parameters (random), video %d×%d%n", params, width, height);
            WanVaeDecoder vae = WanVaeDecoder.open(folder);
            Nd4j.getRandom().setSeed(1);
            INDArray latents = Nd4j.randn(DataType.FLOAT, 16, 2, height / 8, width / 8);
            long before = Pointer.physicalBytes();
            PeakResident peak = new PeakResident();
            List<Double> at = new ArrayList<>();
            List<Long> frames = new ArrayList<>();
            long start = System.nanoTime();
            vae.decode(latents, true, chunk -> {
                at.add((System.nanoTime() - start) / 1e9);
                frames.add(chunk.size(0));
            });
            long peakBytes = peak.stop();
            double second = at.get(1) - at.get(0);
            out.printf(Locale.ROOT, "latent frame 0 → %d frame in %.1f s; latent frame 1 → %d frames in %.1f s = %.1f s per frame; "
                    + "resident memory %s before, peak %s during%n", frames.get(0), at.get(0), frames.get(1), second,
                    second / frames.get(1), WanBlockBench.mib(before), WanBlockBench.mib(peakBytes));
            out.flush();
        }
        return 0;
    }

    /** config.json and the decode's weights of the Wan2.1 VAE (diffusers names and shapes); returns their count. */
    private static long writeDecoder(Path folder) throws IOException {
        StringBuilder ones = new StringBuilder();
        StringBuilder zeros = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            ones.append(i == 0 ? "" : ", ").append("1.0");
            zeros.append(i == 0 ? "" : ", ").append("0.0");
        }
        Files.writeString(folder.resolve("config.json"), "{\"_class_name\": \"AutoencoderKLWan\", \"base_dim\": 96, \"z_dim\": 16, "
                + "\"dim_mult\": [1, 2, 4, 4], \"num_res_blocks\": 2, \"attn_scales\": [], \"temperal_downsample\": [false, true, true], "
                + "\"latents_mean\": [" + zeros + "], \"latents_std\": [" + ones + "]}");
        Random random = new Random(5);
        Map<String, SafetensorsWriter.Tensor> w = new LinkedHashMap<>();
        conv(w, random, "post_quant_conv", 16, 16, 1, 1, 1);
        conv(w, random, "decoder.conv_in", 384, 16, 3, 3, 3);
        residual(w, random, "decoder.mid_block.resnets.0", 384, 384);
        String a = "decoder.mid_block.attentions.0.";
        w.put(a + "norm.gamma", filled(384, 1, new long[] {384, 1, 1}));
        conv(w, random, a + "to_qkv", 3 * 384, 384, 1, 1);
        conv(w, random, a + "proj", 384, 384, 1, 1);
        residual(w, random, "decoder.mid_block.resnets.1", 384, 384);
        int[] dims = {384, 384, 384, 192, 96};
        for (int i = 0; i < 4; i++) {
            int in = i == 0 ? dims[0] : dims[i] / 2;
            int outDim = dims[i + 1];
            String b = "decoder.up_blocks." + i + ".";
            for (int j = 0; j < 3; j++) {
                residual(w, random, b + "resnets." + j, j == 0 ? in : outDim, outDim);
            }
            if (i < 2) {
                conv(w, random, b + "upsamplers.0.time_conv", 2 * outDim, outDim, 3, 1, 1);
            }
            if (i < 3) {
                conv(w, random, b + "upsamplers.0.resample.1", outDim / 2, outDim, 3, 3);
            }
        }
        w.put("decoder.norm_out.gamma", filled(96, 1, new long[] {96, 1, 1, 1}));
        conv(w, random, "decoder.conv_out", 3, 96, 3, 3, 3);
        long params = 0;
        for (SafetensorsWriter.Tensor t : w.values()) {
            params += t.values().length;
        }
        SafetensorsWriter.write(folder.resolve("diffusion_pytorch_model.safetensors"), w);
        return params;
    }

    private static void residual(Map<String, SafetensorsWriter.Tensor> w, Random random, String p, int in, int out) {
        w.put(p + ".norm1.gamma", filled(in, 1, new long[] {in, 1, 1, 1}));
        conv(w, random, p + ".conv1", out, in, 3, 3, 3);
        w.put(p + ".norm2.gamma", filled(out, 1, new long[] {out, 1, 1, 1}));
        conv(w, random, p + ".conv2", out, out, 3, 3, 3);
        if (in != out) {
            conv(w, random, p + ".conv_shortcut", out, in, 1, 1, 1);
        }
    }

    /** A conv's weight [out, in, kernel…] (scaled by 1/√fan-in) and zero bias. */
    private static void conv(Map<String, SafetensorsWriter.Tensor> w, Random random, String p, int out, int in, int... kernel) {
        long[] shape = new long[2 + kernel.length];
        shape[0] = out;
        shape[1] = in;
        long fanIn = in;
        for (int k = 0; k < kernel.length; k++) {
            shape[2 + k] = kernel[k];
            fanIn *= kernel[k];
        }
        float[] v = new float[Math.toIntExact(out * fanIn)];
        double scale = 1 / Math.sqrt(fanIn);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        w.put(p + ".weight", new SafetensorsWriter.Tensor(v, shape));
        w.put(p + ".bias", filled(out, 0, new long[] {out}));
    }

    private static SafetensorsWriter.Tensor filled(int n, float value, long[] shape) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, value);
        return new SafetensorsWriter.Tensor(v, shape);
    }
}
