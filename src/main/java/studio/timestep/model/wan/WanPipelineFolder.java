package studio.timestep.model.wan;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.StrictJson;

/**
 * What a diffusers Wan pipeline folder says about a second expert. Wan2.2 A14B pipelines hold two
 * transformers: {@code transformer/} (high noise) and {@code transformer_2/} (low noise), and
 * {@code boundary_ratio} in model_index.json; diffusers' WanPipeline runs {@code transformer}
 * while {@code t >= boundary_ratio · num_train_timesteps} and {@code transformer_2} after.
 */
public final class WanPipelineFolder {
    private static final long MAX_INDEX_BYTES = 1 << 20;

    private WanPipelineFolder() {
    }

    /** The pipeline's VAE folder ({@code vae/}), or null when it has none. */
    public static Path vae(Path dir) {
        Path vae = dir.resolve("vae");
        return Files.isRegularFile(vae.resolve("config.json")) ? vae : null;
    }

    /** Whether the pipeline makes its own prompt embeddings ({@code tokenizer/tokenizer.json} and {@code text_encoder/}). */
    public static boolean hasText(Path dir) {
        return Files.isRegularFile(dir.resolve("tokenizer").resolve("tokenizer.json")) && Files.isDirectory(dir.resolve("text_encoder"));
    }

    /** The low-noise expert's folder, or null when the pipeline has one transformer (or {@code dir} is a transformer). */
    public static Path lowNoiseTransformer(Path dir) {
        Path second = dir.resolve("transformer_2");
        return Files.isRegularFile(second.resolve("config.json")) ? second : null;
    }

    /** model_index.json's {@code boundary_ratio}, or NaN when the folder has no index or the index none. */
    public static double boundaryRatio(Path dir) throws FileFormatException {
        Path index = dir.resolve("model_index.json");
        if (!Files.isRegularFile(index)) {
            return Double.NaN;
        }
        JsonNode ratio = StrictJson.read(index, MAX_INDEX_BYTES).get("boundary_ratio");
        if (ratio == null || ratio.isNull()) {
            return Double.NaN;
        }
        if (!ratio.isNumber() || ratio.asDouble() < 0 || ratio.asDouble() > 1) {
            throw new FileFormatException(index, "boundary_ratio", "should be a number in [0, 1], got " + ratio);
        }
        return ratio.asDouble();
    }
}
