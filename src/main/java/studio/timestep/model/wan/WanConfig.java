package studio.timestep.model.wan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.JsonFields;
import studio.timestep.io.StrictJson;

/**
 * The diffusers {@code WanTransformer3DModel} configuration (transformer/config.json) of a
 * text-to-video model. Fields of image-to-video or Wan 2.2 variants that this port does not
 * compute are refused with a message rather than ignored.
 */
public record WanConfig(int[] patchSize, int heads, int headDim, int inChannels, int outChannels, int textDim,
                        int freqDim, int ffnDim, int layers, boolean crossAttnNorm, double eps, int ropeMaxSeqLen) {
    public static final String CLASS_NAME = "WanTransformer3DModel";

    public int dim() {
        return heads * headDim;
    }

    public int patchVolume() {
        return patchSize[0] * patchSize[1] * patchSize[2];
    }

    /** Rotary dimensions for frame, row and column (diffusers WanRotaryPosEmbed: d − 2⌊d/3⌋, ⌊d/3⌋, ⌊d/3⌋). */
    public int[] ropeSplit() {
        int third = headDim / 3;
        return new int[] {headDim - 2 * third, third, third};
    }

    /** Config files larger than this are not a model's config. */
    static final long MAX_BYTES = 1 << 20;
    /** The largest dimension a field may state: far above any Wan model, far below int overflow in products. */
    static final int MAX_DIM = 1 << 16;

    public static WanConfig read(Path file) throws FileFormatException {
        JsonNode n = StrictJson.read(file, MAX_BYTES);
        JsonFields in = new JsonFields(file);
        in.object(n, "");
        String cls = in.text(n, "_class_name", "_class_name", "");
        if (!cls.equals(CLASS_NAME)) {
            throw new FileFormatException(file, "_class_name", "is '" + cls + "', expected " + CLASS_NAME);
        }
        for (String unsupported : new String[] {"image_dim", "added_kv_proj_dim", "pos_embed_seq_len"}) {
            if (n.hasNonNull(unsupported)) {
                throw new FileFormatException(file, unsupported, "is set: image-to-video and Wan 2.2 variants are not "
                        + "supported, only the text-to-video transformer");
            }
        }
        String qkNorm = in.text(n, "qk_norm", "qk_norm", "rms_norm_across_heads");
        if (!qkNorm.equals("rms_norm_across_heads")) {
            throw new FileFormatException(file, "qk_norm", "is '" + qkNorm + "'; only rms_norm_across_heads is supported");
        }
        JsonNode patch = in.array(n.get("patch_size"), "patch_size", 3);
        int[] p = {in.integer(patch.get(0), "patch_size[0]", 1, 64), in.integer(patch.get(1), "patch_size[1]", 1, 64),
                in.integer(patch.get(2), "patch_size[2]", 1, 64)};
        double eps = in.number(n, "eps", "eps", 1e-6);
        if (!(eps > 0 && eps <= 1e-2)) {
            throw new FileFormatException(file, "eps", "must be in (0, 0.01], got " + eps);
        }
        WanConfig c = new WanConfig(p, dim(in, n, "num_attention_heads"), dim(in, n, "attention_head_dim"),
                dim(in, n, "in_channels"), dim(in, n, "out_channels"), dim(in, n, "text_dim"), dim(in, n, "freq_dim"),
                dim(in, n, "ffn_dim"), dim(in, n, "num_layers"), in.bool(n, "cross_attn_norm", "cross_attn_norm", true), eps,
                in.integer(n.get("rope_max_seq_len"), "rope_max_seq_len", 1, 1 << 20));
        if ((long) c.heads * c.headDim > MAX_DIM) {
            throw new FileFormatException(file, "num_attention_heads", c.heads + " heads × " + c.headDim + " is more than "
                    + MAX_DIM + " dimensions");
        }
        if (c.freqDim % 2 != 0) {
            throw new FileFormatException(file, "freq_dim", "should be even, got " + c.freqDim);
        }
        int[] split = c.ropeSplit();
        if (c.headDim % 2 != 0 || split[1] % 2 != 0 || split[1] != 2 * (c.headDim / 6)) {
            throw new FileFormatException(file, "attention_head_dim", c.headDim + " cannot be split into even rotary "
                    + "parts for frame, row and column");
        }
        return c;
    }

    /** The diffusers config.json of this configuration (the fields {@link #read} reads). */
    public String toJson() {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("_class_name", CLASS_NAME);
        ArrayNode patch = n.putArray("patch_size");
        for (int p : patchSize) {
            patch.add(p);
        }
        n.put("num_attention_heads", heads);
        n.put("attention_head_dim", headDim);
        n.put("in_channels", inChannels);
        n.put("out_channels", outChannels);
        n.put("text_dim", textDim);
        n.put("freq_dim", freqDim);
        n.put("ffn_dim", ffnDim);
        n.put("num_layers", layers);
        n.put("cross_attn_norm", crossAttnNorm);
        n.put("qk_norm", "rms_norm_across_heads");
        n.put("eps", eps);
        n.put("rope_max_seq_len", ropeMaxSeqLen);
        return n.toPrettyString();
    }

    private static int dim(JsonFields in, JsonNode n, String field) throws FileFormatException {
        return in.integer(n.get(field), field, 1, MAX_DIM);
    }
}
