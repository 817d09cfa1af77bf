package studio.timestep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.Pointer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.SafetensorsWriter;
import studio.timestep.io.TensorDType;
import studio.timestep.model.wan.UmT5Encoder;
import studio.timestep.param.ParameterRange;
import studio.timestep.sampling.Backend;

/**
 * One umt5-xxl encoder layer at full size (d_model 4096, 64 heads × 64, d_ff 10240) with random
 * weights stored in BF16, as Wan's text_encoder ships them, encoded through the port the way a
 * prompt is (the block's weights read from the file, upcast, used and let go). The vocabulary is
 * cut to 1,024 rows: only a prompt's rows of the embedding table are ever read. Times × 24 layers
 * estimate a prompt's encode.
 */
@Command(name = "umt5-layer", mixinStandardHelpOptions = true,
        description = "One full-size umT5 encoder layer streamed from BF16: seconds per prompt (× 24 layers), peak memory.")
final class UmT5LayerBench implements Callable<Integer> {
    static final int LAYERS = 24;

    @Option(names = "--tokens", split = ",", defaultValue = "64,512", description = "prompt lengths in tokens (default: ${DEFAULT-VALUE})")
    List<Integer> tokens;

    @Option(names = "--iterations", defaultValue = "3", description = "timed encodes per length (default: ${DEFAULT-VALUE})")
    int iterations;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, FileFormatException {
        ParameterRange.closed("iterations", 1, 100).checkInt(iterations);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "backend: %s%n", Backend.describe());
        try (TempFolder temp = new TempFolder("umt5-layer")) {
            Path folder = temp.path();
            long params = writeLayer(folder);
            out.printf(Locale.ROOT, "one umt5-xxl layer: %,d parameters, BF16 file %s, %s as FLOAT32%n", params,
                    WanBlockBench.mib(Files.size(folder.resolve("model.safetensors"))), WanBlockBench.mib(4 * params));
            UmT5Encoder encoder = UmT5Encoder.open(folder);
            Random random = new Random(3);
            for (int t : tokens) {
                ParameterRange.closed("tokens", 1, 512).checkInt(t);
                long[] ids = new long[t];
                for (int i = 0; i < t - 1; i++) {
                    ids[i] = 2 + random.nextInt(1022);
                }
                ids[t - 1] = 1;
                encoder.promptEmbeds(ids, 512);
                System.gc();
                long before = Pointer.physicalBytes();
                PeakResident peak = new PeakResident();
                double[] times = new double[iterations];
                for (int i = 0; i < iterations; i++) {
                    times[i] = WanBlockBench.seconds(() -> {
                        try {
                            encoder.promptEmbeds(ids, 512);
                        } catch (FileFormatException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
                long peakBytes = peak.stop();
                double median = WanBlockBench.median(times);
                out.printf(Locale.ROOT, "%4d tokens: one layer %.3f s (median of %d) → %d layers ≈ %.1f s per prompt; resident "
                        + "memory %s before, peak %s during%n", t, median, iterations, LAYERS, LAYERS * median,
                        WanBlockBench.mib(before), WanBlockBench.mib(peakBytes));
                out.flush();
            }
        }
        return 0;
    }

    /** config.json and model.safetensors of a one-layer umt5-xxl encoder; returns the layer's parameter count. */
    private static long writeLayer(Path folder) throws IOException {
        int d = 4096;
        int inner = 64 * 64;
        int ff = 10240;
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"umt5\", \"d_model\": 4096, \"d_kv\": 64, "
                + "\"num_heads\": 64, \"d_ff\": 10240, \"num_layers\": 1, \"vocab_size\": 1024, "
                + "\"relative_attention_num_buckets\": 32, \"relative_attention_max_distance\": 128, "
                + "\"layer_norm_epsilon\": 1e-06, \"feed_forward_proj\": \"gated-gelu\", \"dense_act_fn\": \"gelu_new\"}");
        Random random = new Random(7);
        Map<String, Rows> w = new LinkedHashMap<>();
        w.put("shared.weight", random(random, 1024, d, 1));
        w.put("encoder.final_layer_norm.weight", random(random, 1, d, 0).withOnes());
        String p = "encoder.block.0.layer.";
        w.put(p + "0.layer_norm.weight", random(random, 1, d, 0).withOnes());
        for (String m : new String[] {"q", "k", "v"}) {
            w.put(p + "0.SelfAttention." + m + ".weight", random(random, inner, d, 1 / Math.sqrt(d)));
        }
        w.put(p + "0.SelfAttention.o.weight", random(random, d, inner, 1 / Math.sqrt(inner)));
        w.put(p + "0.SelfAttention.relative_attention_bias.weight", random(random, 32, 64, 1));
        w.put(p + "1.layer_norm.weight", random(random, 1, d, 0).withOnes());
        w.put(p + "1.DenseReluDense.wi_0.weight", random(random, ff, d, 1 / Math.sqrt(d)));
        w.put(p + "1.DenseReluDense.wi_1.weight", random(random, ff, d, 1 / Math.sqrt(d)));
        w.put(p + "1.DenseReluDense.wo.weight", random(random, d, ff, 1 / Math.sqrt(ff)));
        Map<String, SafetensorsWriter.Tensor> stored = new LinkedHashMap<>();
        long params = 0;
        for (Map.Entry<String, Rows> e : w.entrySet()) {
            stored.put(e.getKey(), e.getValue().tensor());
            params += e.getKey().startsWith("encoder.block.") ? e.getValue().values().length : 0;
        }
        SafetensorsWriter.write(folder.resolve("model.safetensors"), stored);
        return params;
    }

    /** Values for a [rows, columns] weight (rows 1: a vector). */
    private record Rows(float[] values, int rows, int columns) {
        Rows withOnes() {
            java.util.Arrays.fill(values, 1);
            return this;
        }

        SafetensorsWriter.Tensor tensor() {
            return new SafetensorsWriter.Tensor(values, rows == 1 ? new long[] {columns} : new long[] {rows, columns}, TensorDType.BF16);
        }
    }

    private static Rows random(Random random, int rows, int columns, double scale) {
        float[] v = new float[rows * columns];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return new Rows(v, rows, columns);
    }
}
