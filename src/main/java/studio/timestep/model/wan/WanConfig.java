package studio.timestep.model.wan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import studio.timestep.io.FileFormatException;

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

    public static WanConfig read(Path file) throws FileFormatException {
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new FileFormatException(file, "", "cannot be read as JSON (" + e.getMessage() + ")");
        }
        if (n == null || !n.isObject()) {
            throw new FileFormatException(file, "", "should be a JSON object");
        }
        String cls = n.path("_class_name").asText("");
        if (!cls.equals(CLASS_NAME)) {
            throw new FileFormatException(file, "_class_name", "is '" + cls + "', expected " + CLASS_NAME);
        }
        for (String unsupported : new String[] {"image_dim", "added_kv_proj_dim", "pos_embed_seq_len"}) {
            if (n.hasNonNull(unsupported)) {
                throw new FileFormatException(file, unsupported, "is set: image-to-video and Wan 2.2 variants are not "
                        + "supported, only the text-to-video transformer");
            }
        }
        String qkNorm = n.path("qk_norm").asText("rms_norm_across_heads");
        if (!qkNorm.equals("rms_norm_across_heads")) {
            throw new FileFormatException(file, "qk_norm", "is '" + qkNorm + "'; only rms_norm_across_heads is supported");
        }
        JsonNode patch = n.path("patch_size");
        if (!patch.isArray() || patch.size() != 3) {
            throw new FileFormatException(file, "patch_size", "should be three integers [t, h, w]");
        }
        int[] p = {positive(file, patch.get(0), "patch_size"), positive(file, patch.get(1), "patch_size"),
                positive(file, patch.get(2), "patch_size")};
        WanConfig c = new WanConfig(p, positive(file, n.path("num_attention_heads"), "num_attention_heads"),
                positive(file, n.path("attention_head_dim"), "attention_head_dim"),
                positive(file, n.path("in_channels"), "in_channels"),
                positive(file, n.path("out_channels"), "out_channels"),
                positive(file, n.path("text_dim"), "text_dim"),
                positive(file, n.path("freq_dim"), "freq_dim"),
                positive(file, n.path("ffn_dim"), "ffn_dim"),
                positive(file, n.path("num_layers"), "num_layers"),
                n.path("cross_attn_norm").asBoolean(true),
                n.path("eps").asDouble(1e-6),
                positive(file, n.path("rope_max_seq_len"), "rope_max_seq_len"));
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

    private static int positive(Path file, JsonNode v, String field) throws FileFormatException {
        if (!v.isIntegralNumber() || v.asInt() <= 0) {
            throw new FileFormatException(file, field, "should be a positive integer, got " + (v.isMissingNode() ? "nothing" : v));
        }
        return v.asInt();
    }
}
