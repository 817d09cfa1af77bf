package studio.timestep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import studio.timestep.io.SafetensorsWriter;

/**
 * A whole diffusers Wan pipeline folder for tests, small: the word-level tokenizer.json of the test
 * resources, a umT5 encoder with random weights as wide as the golden transformer's text_dim (16),
 * the golden tiny transformer (4 latent channels) and the golden tiny VAE (z_dim 4).
 */
public final class TinyWanPipeline {
    public static final int TEXT_DIM = 16;

    private TinyWanPipeline() {
    }

    public static Path build(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("model_index.json"), "{\"_class_name\": \"WanPipeline\"}");
        copy(TestData.path("wan-pipeline/tokenizer"), dir.resolve("tokenizer"), "tokenizer.json");
        copy(TestData.wanGolden().resolve("tiny"), dir.resolve("transformer"), "config.json", "diffusion_pytorch_model.safetensors");
        copy(TestData.path("golden/wan-vae/tiny/vae"), dir.resolve("vae"), "config.json", "diffusion_pytorch_model.safetensors");
        textEncoder(dir.resolve("text_encoder"));
        return dir;
    }

    /** A 2-layer umT5 encoder, d_model 16, 4 heads of 4, d_ff 32, vocabulary 300, random weights (seed 7). */
    static void textEncoder(Path dir) throws IOException {
        Files.createDirectories(dir);
        String config = Files.readString(TestData.path("golden/umt5/tiny/config.json"))
                .replace("\"d_model\": 32", "\"d_model\": " + TEXT_DIM).replace("\"d_kv\": 8", "\"d_kv\": 4")
                .replace("\"d_ff\": 64", "\"d_ff\": 32");
        Files.writeString(dir.resolve("config.json"), config);
        Random random = new Random(7);
        Map<String, SafetensorsWriter.Tensor> w = new LinkedHashMap<>();
        w.put("shared.weight", random(random, 300, TEXT_DIM, 1));
        w.put("encoder.final_layer_norm.weight", ones(TEXT_DIM));
        for (int i = 0; i < 2; i++) {
            String p = "encoder.block." + i + ".layer.";
            w.put(p + "0.layer_norm.weight", ones(TEXT_DIM));
            for (String m : new String[] {"q", "k", "v", "o"}) {
                w.put(p + "0.SelfAttention." + m + ".weight", random(random, TEXT_DIM, TEXT_DIM, 0.25));
            }
            w.put(p + "0.SelfAttention.relative_attention_bias.weight", random(random, 32, 4, 0.5));
            w.put(p + "1.layer_norm.weight", ones(TEXT_DIM));
            w.put(p + "1.DenseReluDense.wi_0.weight", random(random, 32, TEXT_DIM, 0.25));
            w.put(p + "1.DenseReluDense.wi_1.weight", random(random, 32, TEXT_DIM, 0.25));
            w.put(p + "1.DenseReluDense.wo.weight", random(random, TEXT_DIM, 32, 0.18));
        }
        SafetensorsWriter.write(dir.resolve("model.safetensors"), w);
    }

    private static SafetensorsWriter.Tensor random(Random random, int rows, int columns, double scale) {
        float[] v = new float[rows * columns];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return new SafetensorsWriter.Tensor(v, new long[] {rows, columns});
    }

    private static SafetensorsWriter.Tensor ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1);
        return new SafetensorsWriter.Tensor(v, new long[] {n});
    }

    private static void copy(Path from, Path to, String... names) throws IOException {
        Files.createDirectories(to);
        for (String n : names) {
            Files.copy(from.resolve(n), to.resolve(n));
        }
    }
}
