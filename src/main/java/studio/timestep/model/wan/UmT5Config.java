package studio.timestep.model.wan;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.JsonFields;
import studio.timestep.io.StrictJson;

/**
 * The transformers {@code UMT5EncoderModel} configuration of a Wan pipeline's {@code text_encoder/}
 * (google/umt5-xxl: d_model 4096, d_kv 64, 64 heads, d_ff 10240, 24 layers, 32 buckets, distance 128).
 * Fields that would change the encoder's math from what this port computes are refused.
 */
public record UmT5Config(int dModel, int dKv, int heads, int dFf, int layers, int vocabSize, int buckets, int maxDistance,
                         double eps) {

    public static UmT5Config read(Path file) throws FileFormatException {
        JsonNode n = StrictJson.read(file, WanConfig.MAX_BYTES);
        JsonFields in = new JsonFields(file);
        in.object(n, "");
        String type = in.text(n, "model_type", "model_type", "");
        if (!type.equals("umt5")) {
            throw new FileFormatException(file, "model_type", "is '" + type + "', expected umt5 (Wan's text encoder)");
        }
        String ffn = in.text(n, "feed_forward_proj", "feed_forward_proj", "");
        if (!ffn.equals("gated-gelu")) {
            throw new FileFormatException(file, "feed_forward_proj", "is '" + ffn + "'; only gated-gelu (umT5's) is computed");
        }
        String act = in.text(n, "dense_act_fn", "dense_act_fn", "gelu_new");
        if (!act.equals("gelu_new")) {
            throw new FileFormatException(file, "dense_act_fn", "is '" + act + "'; only gelu_new (umT5's) is computed");
        }
        double eps = in.number(n, "layer_norm_epsilon", "layer_norm_epsilon", 1e-6);
        if (!(eps > 0 && eps <= 1e-2)) {
            throw new FileFormatException(file, "layer_norm_epsilon", "must be in (0, 0.01], got " + eps);
        }
        int buckets = in.integer(n.get("relative_attention_num_buckets"), "relative_attention_num_buckets", 4, 1024);
        if (buckets % 4 != 0) {
            throw new FileFormatException(file, "relative_attention_num_buckets", "should be a multiple of 4, got " + buckets);
        }
        UmT5Config c = new UmT5Config(dim(in, n, "d_model"), dim(in, n, "d_kv"), dim(in, n, "num_heads"), dim(in, n, "d_ff"),
                in.integer(n.get("num_layers"), "num_layers", 1, 1024), in.integer(n.get("vocab_size"), "vocab_size", 2, 1 << 24),
                buckets, in.integer(n.get("relative_attention_max_distance"), "relative_attention_max_distance",
                        buckets / 2 + 1, 1 << 20), eps);
        return c;
    }

    private static int dim(JsonFields in, JsonNode n, String field) throws FileFormatException {
        return in.integer(n.get(field), field, 1, WanConfig.MAX_DIM);
    }

    /**
     * transformers {@code UMT5Attention._relative_position_bucket}, bidirectional (the encoder): half
     * the buckets per direction (keys after the query in the upper half), exact below max_exact =
     * buckets/4, logarithmic up to max_distance. The log term is exact at n = 2·max_exact,
     * 4·max_exact, … (an integer); a tiny nudge keeps a rounding below the integer from
     * landing one bucket low there (the golden case's table checks every |rel| ≤ 511).
     */
    public int bucket(long relativePosition) {
        int half = buckets / 2;
        int maxExact = half / 2;
        int bucket = relativePosition > 0 ? half : 0;
        long n = Math.abs(relativePosition);
        if (n < maxExact) {
            return bucket + (int) n;
        }
        double large = Math.log(n / (double) maxExact) / Math.log(maxDistance / (double) maxExact) * (half - maxExact);
        return bucket + Math.min(half - 1, maxExact + (int) Math.floor(large + 1e-9));
    }
}
