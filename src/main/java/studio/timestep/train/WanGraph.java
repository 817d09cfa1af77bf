package studio.timestep.train;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import studio.timestep.model.wan.WanConfig;
import studio.timestep.model.wan.WanRope;

/**
 * {@link studio.timestep.model.wan.WanTransformer#forward} written as a SameDiff graph, so that
 * ND4J's autodiff trains it: the same patch embedding, time and text embedders, blocks and
 * output, operation for operation, on a batch of B latents of one size with one timestep per
 * (latent, frame). Variables carry the diffusers tensor names and shapes, so the trained values
 * are written as a checkpoint the transformer port opens like any Wan folder.
 *
 * <p>Placeholders: {@code latent} [B, C, F, H, W]; {@code time} [B·F, freq_dim], the sinusoidal
 * embedding of each frame's timestep ({@link studio.timestep.model.wan.WanTransformer#sinusoidal});
 * {@code text} [B, L, text_dim]. Output {@code output} [B, C, F, H, W]. With {@link #addLoss}:
 * {@code target} [B, C, F, H, W] and {@code weight} [B, 1, F, 1, 1] (a frame's share of the loss).
 */
public final class WanGraph {
    public static final String LATENT = "latent";
    public static final String TIME = "time";
    public static final String TEXT = "text";
    public static final String OUTPUT = "output";
    public static final String TARGET = "target";
    public static final String WEIGHT = "weight";
    public static final String LOSS = "loss";

    private final SameDiff sd;
    private final WanConfig c;
    private final int batch;
    private final int frames;
    private final int rows;
    private final int columns;
    private final int tokensPerFrame;
    private final int textTokens;
    private final long dim;
    private final SDVariable ropeCos;
    private final SDVariable ropeSin;
    private final SDVariable pairSwap;

    private WanGraph(SameDiff sd, WanConfig config, int batch, int frames, int height, int width, int textTokens) {
        this.sd = sd;
        this.textTokens = textTokens;
        this.c = config;
        this.batch = batch;
        int[] p = config.patchSize();
        if (p[0] != 1) {
            throw new IllegalArgumentException("the training graph takes a timestep per frame: patch_size[0] must be 1, is " + p[0]);
        }
        if (height % p[1] != 0 || width % p[2] != 0) {
            throw new IllegalArgumentException(height + "×" + width + " is not a multiple of the patch " + p[1] + "×" + p[2]);
        }
        this.frames = frames;
        this.rows = height / p[1];
        this.columns = width / p[2];
        this.tokensPerFrame = rows * columns;
        this.dim = config.dim();
        INDArray[] rope = WanRope.interleaved(config, frames, rows, columns);
        this.ropeCos = sd.constant("rope_cos", rope[0]);
        this.ropeSin = sd.constant("rope_sin", rope[1]);
        INDArray swap = Nd4j.zeros(DataType.FLOAT, dim, dim);
        for (long j = 0; j < dim; j += 2) {
            swap.putScalar(j, j + 1, 1);
            swap.putScalar(j + 1, j, 1);
        }
        this.pairSwap = sd.constant("rope_pair_swap", swap);
    }

    /**
     * The forward graph of a batch of {@code batch} latents of {@code frames}×{@code height}×{@code width},
     * its variables set from {@code weights} (every tensor of {@code WanTensorNames.expected}).
     */
    public static SameDiff build(WanConfig config, Map<String, INDArray> weights, int batch, int frames, int height, int width,
                                 int textTokens) {
        SameDiff sd = SameDiff.create();
        define(sd, config, weights, batch, frames, height, width, textTokens);
        return sd;
    }

    /**
     * Adds the forward to {@code sd}; a variable {@code text} [B, L, text_dim] already in it (e.g.
     * from a trained embedding table) is used instead of a placeholder.
     */
    public static void define(SameDiff sd, WanConfig config, Map<String, INDArray> weights, int batch, int frames, int height,
                              int width, int textTokens) {
        for (Map.Entry<String, INDArray> w : weights.entrySet()) {
            sd.var(w.getKey(), w.getValue().castTo(DataType.FLOAT).dup());
        }
        new WanGraph(sd, config, batch, frames, height, width, textTokens).forward();
    }

    /** Adds the flow-matching loss: Σ weight·(output − target)² / (Σ weight · C·H·W), the mean over weighted frames. */
    public static SDVariable addLoss(SameDiff sd, WanConfig config, int batch, int frames, int height, int width) {
        SDVariable target = sd.placeHolder(TARGET, DataType.FLOAT, batch, config.outChannels(), frames, height, width);
        SDVariable weight = sd.placeHolder(WEIGHT, DataType.FLOAT, batch, 1, frames, 1, 1);
        SDVariable diff = sd.getVariable(OUTPUT).sub(target);
        SDVariable weighted = sd.sum(diff.mul(diff).mul(weight));
        SDVariable loss = weighted.div(LOSS, sd.sum(weight).mul((double) config.outChannels() * height * width));
        sd.setLossVariables(LOSS);
        return loss;
    }

    private void forward() {
        int[] p = c.patchSize();
        long cin = c.inChannels();
        long n = (long) frames * tokensPerFrame;
        SDVariable latent = sd.placeHolder(LATENT, DataType.FLOAT, batch, cin, frames, (long) rows * p[1], (long) columns * p[2]);
        SDVariable time = sd.placeHolder(TIME, DataType.FLOAT, (long) batch * frames, c.freqDim());
        SDVariable text = sd.hasVariable(TEXT) ? sd.getVariable(TEXT) : sd.placeHolder(TEXT, DataType.FLOAT, batch, textTokens, c.textDim());

        // patch embedding: a Conv3d with stride = kernel is a product with each patch flattened (c, t, h, w)
        SDVariable patches = sd.permute(sd.reshape(latent, batch, cin, frames, 1, rows, p[1], columns, p[2]), 0, 2, 4, 6, 1, 3, 5, 7);
        long patchSize = cin * c.patchVolume();
        SDVariable x = sd.mmul(sd.reshape(patches, batch * n, patchSize),
                sd.reshape(sd.getVariable("patch_embedding.weight"), dim, patchSize), false, true, false)
                .add(sd.getVariable("patch_embedding.bias"));

        SDVariable temb = linear("condition_embedder.time_embedder.linear_2",
                silu(linear("condition_embedder.time_embedder.linear_1", time)));
        SDVariable projection = linear("condition_embedder.time_proj", silu(temb));
        SDVariable context = linear("condition_embedder.text_embedder.linear_2",
                geluTanh(linear("condition_embedder.text_embedder.linear_1", sd.reshape(text, (long) batch * textTokens, c.textDim()))));

        for (int i = 0; i < c.layers(); i++) {
            x = block("blocks." + i + ".", x, projection, context);
        }
        // output: shift = table[0] + temb, scale = table[1] + temb, per frame
        SDVariable table = sd.reshape(sd.getVariable("scale_shift_table"), 1, 1, 2, dim)
                .add(sd.reshape(temb, batch, frames, 1, dim));
        SDVariable[] shiftScale = rows(table, 2);
        SDVariable shift = shiftScale[0];
        SDVariable scale = shiftScale[1];
        SDVariable out = linear("proj_out", tokens(modulate(layerNorm(frameView(x)), scale, shift)));
        long cout = c.outChannels();
        sd.reshape(OUTPUT, sd.permute(sd.reshape(out, batch, frames, rows, columns, 1, p[1], p[2], cout), 0, 7, 1, 4, 2, 5, 3, 6),
                batch, cout, frames, (long) rows * p[1], (long) columns * p[2]);
    }

    private SDVariable block(String b, SDVariable x, SDVariable projection, SDVariable context) {
        // rows of the modulation: shift, scale, gate of self-attention, then of the FFN
        SDVariable mod = sd.reshape(sd.getVariable(b + "scale_shift_table"), 1, 1, 6, dim)
                .add(sd.reshape(projection, batch, frames, 6, dim));
        SDVariable[] m = rows(mod, 6);
        // 1. self-attention
        SDVariable normed = tokens(modulate(layerNorm(frameView(x)), m[1], m[0]));
        SDVariable attended = linear(b + "attn1.to_out.0", selfAttention(b + "attn1.", normed));
        x = x.add(tokens(frameView(attended).mul(m[2])));
        // 2. cross-attention, ungated
        SDVariable crossIn = tokens(layerNorm(frameView(x)));
        if (c.crossAttnNorm()) {
            crossIn = crossIn.mul(sd.getVariable(b + "norm2.weight")).add(sd.getVariable(b + "norm2.bias"));
        }
        x = x.add(linear(b + "attn2.to_out.0", crossAttention(b + "attn2.", crossIn, context)));
        // 3. feed-forward
        SDVariable ffnIn = tokens(modulate(layerNorm(frameView(x)), m[4], m[3]));
        SDVariable ffn = linear(b + "ffn.net.2", geluTanh(linear(b + "ffn.net.0.proj", ffnIn)));
        return x.add(tokens(frameView(ffn).mul(m[5])));
    }

    private SDVariable selfAttention(String a, SDVariable in) {
        long n = (long) frames * tokensPerFrame;
        SDVariable q = rope(rmsNorm(linear(a + "to_q", in), a + "norm_q.weight"));
        SDVariable k = rope(rmsNorm(linear(a + "to_k", in), a + "norm_k.weight"));
        SDVariable v = linear(a + "to_v", in);
        return attend(q, k, v, n, n);
    }

    private SDVariable crossAttention(String a, SDVariable in, SDVariable context) {
        long n = (long) frames * tokensPerFrame;
        SDVariable q = rmsNorm(linear(a + "to_q", in), a + "norm_q.weight");
        SDVariable k = rmsNorm(linear(a + "to_k", context), a + "norm_k.weight");
        SDVariable v = linear(a + "to_v", context);
        return attend(q, k, v, n, textTokens);
    }

    /** softmax(Q·Kᵀ/√d)·V per head; q [B·n, dim], k and v [B·keys, dim]; returns [B·n, dim]. */
    private SDVariable attend(SDVariable q, SDVariable k, SDVariable v, long n, long keys) {
        int heads = c.heads();
        long d = c.headDim();
        SDVariable qh = sd.permute(sd.reshape(q, batch, n, heads, d), 0, 2, 1, 3).mul(1 / Math.sqrt(d));
        SDVariable kh = sd.permute(sd.reshape(k, batch, keys, heads, d), 0, 2, 1, 3);
        SDVariable vh = sd.permute(sd.reshape(v, batch, keys, heads, d), 0, 2, 1, 3);
        // softmax over rows of a matrix: SameDiff M2.1's softmax_bp on the rank-4 scores took
        // 1.1–1.6 s per layer (32 M scores), a third of a training step
        SDVariable scores = sd.reshape(sd.mmul(qh, kh, false, true, false), batch * heads * n, keys);
        SDVariable weights = sd.reshape(sd.nn.softmax(scores, 1), batch, heads, n, keys);
        return sd.reshape(sd.permute(sd.mmul(weights, vh), 0, 2, 1, 3), batch * n, dim);
    }

    /**
     * Wan's 3-D RoPE on interleaved pairs: x·cos + swap(x)·(−sin, +sin), the tables broadcast over
     * the batch. The swap is a product with a constant permutation: SameDiff's reverse (and its
     * gradient) took more than half of a training step.
     */
    private SDVariable rope(SDVariable x) {
        long n = (long) frames * tokensPerFrame;
        SDVariable swapped = sd.reshape(sd.mmul(x, pairSwap), batch, n, dim);
        return sd.reshape(sd.reshape(x, batch, n, dim).mul(ropeCos).add(swapped.mul(ropeSin)), batch * n, dim);
    }

    /**
     * The rows of a modulation table [B, F, n, dim] as [B, F, 1, dim] each, picked by products with
     * constant selection matrices: the gradients of SameDiff's strided slice and unstack (M2.1)
     * fail in training (a view closed by the memory manager; a gradient never computed).
     */
    private SDVariable[] rows(SDVariable table, int n) {
        SDVariable flat = sd.reshape(table, (long) batch * frames, n * dim);
        SDVariable[] rows = new SDVariable[n];
        for (int j = 0; j < n; j++) {
            INDArray select = Nd4j.zeros(DataType.FLOAT, n * dim, dim);
            for (long k = 0; k < dim; k++) {
                select.putScalar(j * dim + k, k, 1);
            }
            rows[j] = sd.reshape(sd.mmul(flat, sd.constant(select)), batch, frames, 1, dim);
        }
        return rows;
    }

    /** torch Linear: x·Wᵀ + b with W [out, in]. */
    private SDVariable linear(String name, SDVariable x) {
        return sd.mmul(x, sd.getVariable(name + ".weight"), false, true, false).add(sd.getVariable(name + ".bias"));
    }

    /** [B·F·P, dim] → [B, F, P, dim], so per-frame modulation broadcasts over a frame's tokens. */
    private SDVariable frameView(SDVariable x) {
        return sd.reshape(x, batch, frames, tokensPerFrame, dim);
    }

    private SDVariable tokens(SDVariable x) {
        return sd.reshape(x, (long) batch * frames * tokensPerFrame, dim);
    }

    private static SDVariable modulate(SDVariable x, SDVariable scale, SDVariable shift) {
        return x.mul(scale.add(1.0)).add(shift);
    }

    /** LayerNorm over the features of [B, F, P, dim] without affine parameters, biased variance (torch). */
    private SDVariable layerNorm(SDVariable x) {
        SDVariable centred = x.sub(sd.mean(x, true, 3));
        SDVariable variance = sd.mean(centred.mul(centred), true, 3);
        return centred.div(sd.math.sqrt(variance.add(c.eps())));
    }

    /** RMSNorm across heads: x·rsqrt(mean(x²) + eps)·weight. */
    private SDVariable rmsNorm(SDVariable x, String weight) {
        SDVariable meanSquare = sd.mean(x.mul(x), true, 1);
        return x.div(sd.math.sqrt(meanSquare.add(c.eps()))).mul(sd.getVariable(weight));
    }

    /** tanh GELU: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
    private SDVariable geluTanh(SDVariable x) {
        SDVariable inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
        return x.mul(sd.math.tanh(inner).add(1.0)).mul(0.5);
    }

    private SDVariable silu(SDVariable x) {
        return x.mul(sd.nn.sigmoid(x));
    }
}
