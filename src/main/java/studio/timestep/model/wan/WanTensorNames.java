package studio.timestep.model.wan;

import java.util.LinkedHashMap;
import java.util.Map;

/** The tensors a diffusers Wan text-to-video transformer of a given configuration holds, with their shapes. */
public final class WanTensorNames {
    private WanTensorNames() {
    }

    public static Map<String, long[]> expected(WanConfig c) {
        long d = c.dim();
        Map<String, long[]> m = new LinkedHashMap<>();
        int[] p = c.patchSize();
        m.put("patch_embedding.weight", new long[] {d, c.inChannels(), p[0], p[1], p[2]});
        m.put("patch_embedding.bias", new long[] {d});
        linear(m, "condition_embedder.time_embedder.linear_1", d, c.freqDim());
        linear(m, "condition_embedder.time_embedder.linear_2", d, d);
        linear(m, "condition_embedder.time_proj", 6 * d, d);
        linear(m, "condition_embedder.text_embedder.linear_1", d, c.textDim());
        linear(m, "condition_embedder.text_embedder.linear_2", d, d);
        for (int i = 0; i < c.layers(); i++) {
            m.putAll(block(c, i));
        }
        m.put("scale_shift_table", new long[] {1, 2, d});
        linear(m, "proj_out", (long) c.outChannels() * c.patchVolume(), d);
        return m;
    }

    static Map<String, long[]> block(WanConfig c, int i) {
        long d = c.dim();
        Map<String, long[]> m = new LinkedHashMap<>();
        String b = "blocks." + i + ".";
        for (String attn : new String[] {"attn1", "attn2"}) {
            for (String proj : new String[] {"to_q", "to_k", "to_v", "to_out.0"}) {
                linear(m, b + attn + "." + proj, d, d);
            }
            m.put(b + attn + ".norm_q.weight", new long[] {d});
            m.put(b + attn + ".norm_k.weight", new long[] {d});
        }
        if (c.crossAttnNorm()) {
            m.put(b + "norm2.weight", new long[] {d});
            m.put(b + "norm2.bias", new long[] {d});
        }
        linear(m, b + "ffn.net.0.proj", c.ffnDim(), d);
        linear(m, b + "ffn.net.2", d, c.ffnDim());
        m.put(b + "scale_shift_table", new long[] {1, 6, d});
        return m;
    }

    private static void linear(Map<String, long[]> m, String name, long out, long in) {
        m.put(name + ".weight", new long[] {out, in});
        m.put(name + ".bias", new long[] {out});
    }
}
