package studio.timestep.model.wan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * diffusers' {@code WanTransformer3DModel.forward} (transformer_wan.py, text-to-video path,
 * batch 1) in FLOAT32: patch embedding, sinusoidal timestep embedding and the time/text
 * embedders, blocks of (modulated LayerNorm → self-attention with RMSNorm across heads and 3-D
 * RoPE → gated residual; LayerNorm → cross-attention to the prompt; modulated LayerNorm →
 * tanh-GELU FFN → gated residual), the modulated output norm, projection and unpatchify.
 * Timesteps are per token (the diffusers Wan 2.2 path); a scalar timestep is the case of one
 * value for all. Tokens with the same timestep form runs (a frame's tokens are contiguous), so
 * the modulation is computed once per distinct timestep and applied per run.
 */
public final class WanTransformer {
    private final WanWeights weights;
    private final WanConfig config;
    private WanRope rope;
    private long[] ropeGrid = {};
    private long blocksRun;

    public WanTransformer(WanWeights weights) {
        this.weights = weights;
        this.config = weights.config();
    }

    public WanConfig config() {
        return config;
    }

    /** The checked weights the transformer reads. */
    public WanWeights weights() {
        return weights;
    }

    /** A prompt's umT5 embeddings [L, text_dim] projected by the text embedder. */
    public WanPromptContext prompt(INDArray embeddings) {
        if (embeddings.rank() != 2 || embeddings.size(1) != config.textDim()) {
            throw new IllegalArgumentException("prompt embeddings should be [tokens, " + config.textDim() + "], got "
                    + Arrays.toString(embeddings.shape()));
        }
        INDArray text = weights.text2.apply(WanRowKernels.geluTanh(weights.text1.apply(embeddings.castTo(DataType.FLOAT))));
        return new WanPromptContext(text, config.layers());
    }

    /** Tokens of a latent [C, F, H, W]: one per patch, ordered frame, row, column. */
    public long tokens(long frames, long height, long width) {
        int[] p = config.patchSize();
        return (frames / p[0]) * (height / p[1]) * (width / p[2]);
    }

    /** The model output for a latent [C, F, H, W] with one timestep (0–1000) per token. */
    public INDArray forward(INDArray latent, float[] timesteps, WanPromptContext prompt) {
        return forward(latent, timesteps, prompt, null, 0);
    }

    /**
     * The same with a step cache consulted around the blocks, {@code branch} naming the prompt's
     * state in it (0 the first prompt of an evaluation, 1 the next, …); with no cache the blocks
     * all run, exactly as without.
     */
    public INDArray forward(INDArray latent, float[] timesteps, WanPromptContext prompt, WanStepCache cache, int branch) {
        int[] p = config.patchSize();
        long c = latent.size(0);
        long f = latent.size(1) / p[0];
        long h = latent.size(2) / p[1];
        long w = latent.size(3) / p[2];
        checkLatent(latent, timesteps);
        INDArray skipped = cache == null ? null : cache.skipCall(branch, latent);
        if (skipped != null) {
            return skipped;
        }
        INDArray x = weights.patch.apply(patchify(latent.castTo(DataType.FLOAT), c, f, h, w));
        if (!Arrays.equals(ropeGrid, new long[] {f, h, w})) {
            rope = WanRope.of(config, (int) f, (int) h, (int) w);
            ropeGrid = new long[] {f, h, w};
        }
        TimestepRuns runs = TimestepRuns.of(timesteps);
        INDArray temb = weights.time2.apply(WanOps.silu(weights.time1.apply(sinusoidal(runs.values(), config.freqDim()))));
        INDArray projection = weights.timeProj.apply(WanOps.silu(temb));
        if (cache == null) {
            for (int i = 0; i < config.layers(); i++) {
                x = block(i, weights.block(i), x, projection, runs, prompt);
            }
        } else {
            x = cachedBlocks(x, new WanTimeEmbedding(temb, projection, runs), prompt, cache, branch);
        }
        INDArray[] shift = new INDArray[runs.distinct()];
        INDArray[] onePlusScale = new INDArray[runs.distinct()];
        for (int u = 0; u < runs.distinct(); u++) {
            INDArray e = temb.getRow(u);
            shift[u] = weights.outputModulation.getRow(0).add(e);
            onePlusScale[u] = weights.outputModulation.getRow(1).add(e).addi(1);
        }
        INDArray normed = WanRowKernels.layerNorm(x, config.eps(), onePlusScale, shift, runs.groupOfRows());
        INDArray out = unpatchify(weights.projOut.apply(normed), f, h, w);
        if (cache != null) {
            cache.called(branch, latent, out);
        }
        return out;
    }

    /** The diffusers forward with a scalar timestep for every token. */
    public INDArray forward(INDArray latent, double timestep, WanPromptContext prompt) {
        float[] t = new float[(int) tokens(latent.size(1), latent.size(2), latent.size(3))];
        Arrays.fill(t, (float) timestep);
        return forward(latent, t, prompt);
    }

    private void checkLatent(INDArray latent, float[] timesteps) {
        int[] p = config.patchSize();
        String[] axes = {"frames", "height", "width"};
        if (latent.rank() != 4 || latent.size(0) != config.inChannels()) {
            throw new IllegalArgumentException("the latent should be [" + config.inChannels() + ", frames, height, width], got "
                    + Arrays.toString(latent.shape()));
        }
        for (int k = 0; k < 3; k++) {
            long size = latent.size(k + 1);
            if (size % p[k] != 0) {
                throw new IllegalArgumentException("latent " + axes[k] + " " + size + " is not a multiple of the patch size "
                        + p[k]);
            }
            if (size / p[k] > config.ropeMaxSeqLen()) {
                throw new IllegalArgumentException("latent " + axes[k] + " " + size + " gives " + size / p[k] + " patches, more than rope_max_seq_len " + config.ropeMaxSeqLen());
            }
        }
        long tokens = tokens(latent.size(1), latent.size(2), latent.size(3));
        if (timesteps.length != tokens) {
            throw new IllegalArgumentException(timesteps.length + " timesteps for " + tokens + " tokens");
        }
    }

    /** The blocks under a step cache: skipped before they start, after block 0, or run with their residual kept. */
    private INDArray cachedBlocks(INDArray x, WanTimeEmbedding time, WanPromptContext prompt, WanStepCache cache, int branch) {
        if (cache.skipBeforeBlocks(branch, time)) {
            return x.addi(cache.residual(branch));
        }
        INDArray in = x.dup();
        x = block(0, weights.block(0), x, time.projection(), time.runs(), prompt);
        INDArray head = x.dup();
        if (!cache.cachesAllBlocks() && cache.skipAfterFirstBlock(branch, head.sub(in))) {
            return x.addi(cache.residual(branch));
        }
        for (int i = 1; i < config.layers(); i++) {
            x = block(i, weights.block(i), x, time.projection(), time.runs(), prompt);
        }
        INDArray residual = x.sub(cache.cachesAllBlocks() ? in : head);
        cache.keepResidual(branch, residual);
        cache.blocksComputed(branch, residual);
        return x;
    }

    /** Blocks run so far (a step cache's skips show as blocks not run). */
    long blocksRun() {
        return blocksRun;
    }

    private INDArray block(int i, WanBlockWeights b, INDArray x, INDArray projection, TimestepRuns runs,
                           WanPromptContext prompt) {
        blocksRun++;
        int u = runs.distinct();
        // rows: shift, scale, gate of self-attention, then of the FFN; scales kept as 1 + scale
        INDArray[][] mod = new INDArray[6][u];
        for (int k = 0; k < u; k++) {
            INDArray table = b.modulation().add(projection.getRow(k).reshape(6, config.dim()));
            table.getRow(1).addi(1);
            table.getRow(4).addi(1);
            for (int j = 0; j < 6; j++) {
                mod[j][k] = table.getRow(j);
            }
        }
        int[] group = runs.groupOfRows();
        // 1. self-attention: shift 0, scale 1, gate 2. Each section's temporaries come from the thread's
        // workspace (WanWorkspace) and end with it; x, outside, is updated in place.
        try (var section = WanWorkspace.section()) {
            INDArray normed = WanRowKernels.layerNorm(x, config.eps(), mod[1], mod[0], group);
            x.addi(gate(selfAttention(b.self(), normed), runs, mod[2]));
        }
        // 2. cross-attention, ungated
        try (var section = WanWorkspace.section()) {
            INDArray crossIn = b.norm2Weight() == null ? x.dup()
                    : WanRowKernels.layerNorm(x, config.eps(), new INDArray[] {b.norm2Weight()}, new INDArray[] {b.norm2Bias()}, null);
            x.addi(crossAttention(i, b.cross(), crossIn, prompt));
        }
        // 3. feed-forward: shift 3, scale 4, gate 5
        try (var section = WanWorkspace.section()) {
            INDArray ffnIn = WanRowKernels.layerNorm(x, config.eps(), mod[4], mod[3], group);
            INDArray hidden = WanRowKernels.geluTanh(b.ffnIn().apply(ffnIn));
            x.addi(gate(b.ffnOut().apply(hidden), runs, mod[5]));
        }
        return x;
    }

    private INDArray selfAttention(WanBlockWeights.SelfAttention a, INDArray in) {
        int d = config.dim();
        INDArray qkv = a.qkv().apply(in);
        int heads = config.heads();
        INDArray q = WanRowKernels.rmsNormHeads(qkv, 0, d, a.normQ(), config.eps(), rope, heads,
                queryScale());
        INDArray keys = WanRowKernels.rmsNormHeads(qkv, d, d, a.normK(), config.eps(), rope, heads, 1);
        INDArray values = WanRowKernels.splitHeads(qkv, 2 * d, d, heads);
        return a.out().apply(WanAttention.attend(q, keys, values));
    }

    private INDArray crossAttention(int i, WanBlockWeights.CrossAttention a, INDArray in, WanPromptContext prompt) {
        if (prompt.keys[i] == null) {
            // the prompt's keys and values are kept for the whole run: made outside the section's workspace
            try (var outside = WanWorkspace.outside()) {
                INDArray k = a.k().apply(prompt.text);
                prompt.keys[i] = WanRowKernels.rmsNormHeads(k, 0, config.dim(), a.normK(), config.eps(),
                        null, config.heads(), 1);
                prompt.values[i] = WanRowKernels.splitHeads(a.v().apply(prompt.text), 0, config.dim(), config.heads());
            }
        }
        INDArray q = WanRowKernels.rmsNormHeads(a.q().apply(in), 0, config.dim(), a.normQ(), config.eps(),
                null, config.heads(), queryScale());
        return a.out().apply(WanAttention.attend(q, prompt.keys[i], prompt.values[i]));
    }

    /** The attention's scale 1/√d, applied to the queries before their product with the keys. */
    private float queryScale() {
        return (float) (1 / Math.sqrt(config.headDim()));
    }

    /** y·gate per run of tokens, in place. */
    private static INDArray gate(INDArray y, TimestepRuns runs, INDArray[] gate) {
        for (TimestepRuns.Run r : runs.runs()) {
            y.get(NDArrayIndex.interval(r.start(), r.end()), NDArrayIndex.all()).muliRowVector(gate[r.value()]);
        }
        return y;
    }

    /** diffusers get_timestep_embedding(flip_sin_to_cos=True, shift 0): [cos(t·ωₖ), sin(t·ωₖ)], ωₖ = 10000^(−k/half). */
    public static INDArray sinusoidal(float[] timesteps, int dim) {
        int half = dim / 2;
        float[] out = new float[timesteps.length * dim];
        for (int i = 0; i < timesteps.length; i++) {
            for (int k = 0; k < half; k++) {
                double angle = timesteps[i] * Math.exp(-Math.log(10000) * k / half);
                out[i * dim + k] = (float) Math.cos(angle);
                out[i * dim + half + k] = (float) Math.sin(angle);
            }
        }
        return Nd4j.create(out, new long[] {timesteps.length, dim}, DataType.FLOAT);
    }

    /** [C, F·pt, H·ph, W·pw] → [F·H·W, C·pt·ph·pw], each row a patch in Conv3d weight order (c, t, h, w). */
    private INDArray patchify(INDArray latent, long c, long f, long h, long w) {
        int[] p = config.patchSize();
        return latent.reshape(c, f, p[0], h, p[1], w, p[2]).permute(1, 3, 5, 0, 2, 4, 6).dup('c')
                .reshape(f * h * w, c * config.patchVolume());
    }

    /** [F·H·W, pt·ph·pw·C] → [C, F·pt, H·ph, W·pw] (diffusers: reshape, permute(0,7,1,4,2,5,3,6), flatten). */
    private INDArray unpatchify(INDArray out, long f, long h, long w) {
        int[] p = config.patchSize();
        long c = config.outChannels();
        return out.reshape(f, h, w, p[0], p[1], p[2], c).permute(6, 0, 3, 1, 4, 2, 5).dup('c')
                .reshape(c, f * p[0], h * p[1], w * p[2]);
    }

    /** Consecutive tokens that share a timestep, and the distinct timesteps. */
    record TimestepRuns(float[] values, List<Run> runs) {
        record Run(int start, int end, int value) {
        }

        int distinct() {
            return values.length;
        }

        /** For each token, the index of its timestep among the distinct ones. */
        int[] groupOfRows() {
            int[] group = new int[runs.get(runs.size() - 1).end()];
            for (Run r : runs) {
                Arrays.fill(group, r.start(), r.end(), r.value());
            }
            return group;
        }

        static TimestepRuns of(float[] timesteps) {
            List<Float> distinct = new ArrayList<>();
            List<Run> runs = new ArrayList<>();
            int start = 0;
            for (int t = 1; t <= timesteps.length; t++) {
                if (t == timesteps.length || Float.compare(timesteps[t], timesteps[start]) != 0) {
                    int index = distinct.indexOf(timesteps[start]);
                    if (index < 0) {
                        index = distinct.size();
                        distinct.add(timesteps[start]);
                    }
                    runs.add(new Run(start, t, index));
                    start = t;
                }
            }
            float[] values = new float[distinct.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = distinct.get(i);
            }
            return new TimestepRuns(values, runs);
        }
    }
}
