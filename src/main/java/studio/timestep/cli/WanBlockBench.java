package studio.timestep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
import studio.timestep.model.wan.WanConfig;
import studio.timestep.model.wan.WanPromptContext;
import studio.timestep.model.wan.WanTensorNames;
import studio.timestep.model.wan.WanTransformer;
import studio.timestep.model.wan.WanWeights;
import studio.timestep.param.ParameterRange;
import studio.timestep.sampling.Backend;

/**
 * One Wan transformer block of a given shape (default: Wan2.1 1.3B — dim 1536, 12 heads, ffn
 * 8960, 512 text tokens) with random weights, run forward at several token counts. Reported
 * against ND4J's own matrix-multiply rate measured in the same run on the block's largest
 * product ([tokens, dim]·[dim, ffn]). The timed pass is a one-layer model (patch embedding,
 * block, output projection), so the rate is a slight underestimate of the block's own; the
 * prompt's cross-attention keys and values are computed once before timing, as in a run.
 */
@Command(name = "wan-block", mixinStandardHelpOptions = true,
        description = "Forward pass of one Wan block (1.3B shape by default): GFLOP/s against ND4J's GEMM rate, peak memory.")
final class WanBlockBench implements Callable<Integer> {
    @Option(names = "--tokens", split = ",", defaultValue = "640,4096", description = "token counts (multiples of 64; default: ${DEFAULT-VALUE})")
    List<Integer> tokens;

    @Option(names = "--dim", defaultValue = "1536") int dim;
    @Option(names = "--heads", defaultValue = "12") int heads;
    @Option(names = "--ffn", defaultValue = "8960") int ffn;
    @Option(names = "--text-tokens", defaultValue = "512") int textTokens;
    @Option(names = "--iterations", defaultValue = "5", description = "timed passes per token count (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--numpy", arity = "0..1", fallbackValue = "src/bench/wan_block.py", paramLabel = "SCRIPT",
            description = "also run the numpy anchor (default script: ${FALLBACK-VALUE}, run by python3 on the same "
                    + "OpenBLAS core) after each token count and print both rates")
    Path numpy;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, FileFormatException {
        ParameterRange.closed("iterations", 1, 1000).checkInt(iterations);
        ParameterRange.closed("heads", 1, 128).checkInt(heads);
        if (dim % heads != 0) {
            throw new UserInputException("--dim: " + dim + " is not a multiple of " + heads + " heads");
        }
        PrintWriter out = spec.commandLine().getOut();
        NumpyAnchor.checkScript(numpy);
        out.printf(Locale.ROOT, "backend: %s%n", Backend.describe());
        try (TempFolder temp = new TempFolder("wan-block")) {
            Path folder = temp.path();
            writeModel(folder);
            WanTransformer model = new WanTransformer(WanWeights.open(folder, null, WanWeights.Residency.FLOAT32));
            WanConfig c = model.config();
            Nd4j.getRandom().setSeed(1);
            WanPromptContext prompt = model.prompt(Nd4j.randn(DataType.FLOAT, textTokens, c.textDim()));
            out.printf(Locale.ROOT, "block: dim %d, %d heads × %d, ffn %d, %d text tokens, FLOAT32%n", dim, heads,
                    dim / heads, ffn, textTokens);
            for (int t : tokens) {
                ParameterRange.closed("tokens", 64, 1 << 20).checkInt(t);
                if (t % 64 != 0) {
                    throw new UserInputException("--tokens: " + t + " is not a multiple of 64");
                }
                // latent [16, t/64, 16, 16]: 64 tokens a frame
                INDArray latent = Nd4j.randn(DataType.FLOAT, 16, t / 64, 16, 16);
                INDArray a = Nd4j.randn(DataType.FLOAT, t, dim);
                INDArray b = Nd4j.randn(DataType.FLOAT, dim, ffn);
                INDArray product = Nd4j.create(DataType.FLOAT, t, ffn);
                // the row kernels are Java: compiled by C2 only after some passes
                int untimed = BenchCommand.untimedFor(() -> model.forward(latent, 500, prompt), BenchCommand.WARM_UP_SECONDS);
                System.gc();
                long before = Pointer.physicalBytes();
                PeakResident peak = new PeakResident();
                // GEMM and block passes alternate, so both see the same state of this shared machine
                double[] gemmTimes = new double[iterations];
                double[] blockTimes = new double[iterations];
                for (int i = 0; i < iterations; i++) {
                    gemmTimes[i] = seconds(() -> Nd4j.gemm(a, b, product, false, false, 1, 0));
                    blockTimes[i] = seconds(() -> model.forward(latent, 500, prompt));
                }
                long peakBytes = peak.stop();
                double gemmRate = 2.0 * t * dim * ffn / median(gemmTimes) / 1e9;
                double seconds = median(blockTimes);
                double flops = blockFlops(t);
                double rate = flops / seconds / 1e9;
                out.printf(Locale.ROOT, "%5d tokens: block %.1f GFLOP in %.3f s (median of %d, after %d untimed) = %.1f GFLOP/s; ND4J GEMM "
                                + "[%d×%d]·[%d×%d] %.1f GFLOP/s; ratio %.0f %% (target ≥ 60 %%); "
                                + "resident memory %s before the passes, peak %s during them%n", t, flops / 1e9, seconds,
                        iterations, untimed, rate, t, dim, dim, ffn, gemmRate, 100 * rate / gemmRate, mib(before), mib(peakBytes));
                out.flush();
                if (numpy != null) {
                    JsonNode anchor = NumpyAnchor.run(numpy, Nd4j.factory().blas().getMaxThreads(), "--tokens",
                            Integer.toString(t), "--dim", Integer.toString(dim),
                            "--heads", Integer.toString(heads), "--ffn", Integer.toString(ffn), "--text-tokens",
                            Integer.toString(textTokens), "--iterations", Integer.toString(iterations));
                    double blockSeconds = anchor.get("block_seconds").asDouble();
                    double numpyRate = flops / blockSeconds / 1e9;
                    out.printf(Locale.ROOT, "%5d tokens: numpy %s block %.3f s = %.1f GFLOP/s, its GEMM %.1f GFLOP/s; "
                                    + "ND4J block / numpy block %.2f (target ≥ 1)%n", t, anchor.get("numpy").asText(), blockSeconds,
                            numpyRate, 2.0 * t * dim * ffn / anchor.get("gemm_seconds").asDouble() / 1e9, rate / numpyRate);
                    out.flush();
                }
            }
        }
        return 0;
    }

    /** Multiply-adds ×2 of the block: projections, self-attention, cross-attention to cached keys, FFN. */
    double blockFlops(long s) {
        double d = dim;
        double projections = 2.0 * s * d * d * (4 + 2);
        double selfAttention = 2.0 * 2 * s * s * d;
        double crossAttention = 2.0 * 2 * s * textTokens * d;
        double feedForward = 2.0 * 2 * s * d * ffn;
        return projections + selfAttention + crossAttention + feedForward;
    }

    static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private void writeModel(Path folder) throws IOException {
        int textDim = 4096;
        Files.writeString(folder.resolve("config.json"), String.format(Locale.ROOT, "{\"_class_name\": \"WanTransformer3DModel\","
                + "\"patch_size\": [1, 2, 2], \"num_attention_heads\": %d, \"attention_head_dim\": %d, \"in_channels\": 16,"
                + "\"out_channels\": 16, \"text_dim\": %d, \"freq_dim\": 256, \"ffn_dim\": %d, \"num_layers\": 1,"
                + "\"cross_attn_norm\": true, \"qk_norm\": \"rms_norm_across_heads\", \"eps\": 1e-06, \"rope_max_seq_len\": 1024}",
                heads, dim / heads, textDim, ffn));
        WanConfig c;
        try {
            c = WanConfig.read(folder.resolve("config.json"));
        } catch (FileFormatException e) {
            throw new UserInputException("--dim/--heads: " + e.getMessage());
        }
        Random random = new Random(7);
        Map<String, SafetensorsWriter.Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : WanTensorNames.expected(c).entrySet()) {
            long n = 1;
            for (long s : e.getValue()) {
                n *= s;
            }
            long fanIn = e.getValue().length >= 2 ? n / e.getValue()[0] : 1;
            float scale = (float) (1 / Math.sqrt(fanIn));
            float[] v = new float[Math.toIntExact(n)];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextGaussian() * scale;
            }
            tensors.put(e.getKey(), new SafetensorsWriter.Tensor(v, e.getValue()));
        }
        SafetensorsWriter.write(folder.resolve("diffusion_pytorch_model.safetensors"), tensors);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }
}
