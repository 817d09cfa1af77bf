package studio.timestep.model.wan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.SafetensorsCheckpoint;
import studio.timestep.model.DenseFloats;

/**
 * Wan's text encoder, the encoder of google/umt5-xxl, as transformers' {@code UMT5EncoderModel}
 * computes it (modeling_umt5.py): token embeddings from {@code shared.weight} (no scaling), then per
 * block a pre-RMS-norm self-attention with no 1/√d_kv and that block's own relative-position bias,
 * and a pre-RMS-norm gated-GELU (tanh form) feed-forward, then a final RMS norm. No biases anywhere.
 * The weights (F32, F16 or BF16, upcast to FLOAT32) are read a block at a time and let go after it, and
 * only the embedding rows of the prompt's tokens are read, so the 5.7 B parameters of umt5-xxl never
 * sit in memory at once.
 */
public final class UmT5Encoder {
    /** transformers' finfo(float32).min, added to the scores of padded keys: their weight becomes exactly 0. */
    static final float MASKED = -3.4028235e38f;

    private final UmT5Config config;
    private final SafetensorsCheckpoint weights;
    /** One FLOAT32 array per weight shape, refilled for each linear layer (fresh native memory is slow to touch). */
    private final java.util.Map<List<Long>, INDArray> weightBuffers = new java.util.HashMap<>();

    public UmT5Encoder(UmT5Config config, SafetensorsCheckpoint weights) {
        this.config = config;
        this.weights = weights;
    }

    /** A transformers folder: {@code config.json} and {@code model.safetensors} (or its shards and index). */
    public static UmT5Encoder open(Path folder) throws FileFormatException {
        Path config = folder.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new FileFormatException(folder, "", "has no config.json (a text encoder folder holds config.json and "
                    + "model.safetensors)");
        }
        UmT5Config c = UmT5Config.read(config);
        SafetensorsCheckpoint w = SafetensorsCheckpoint.open(folder, "model", null);
        checkShape(folder, w, "shared.weight", c.vocabSize(), c.dModel());
        checkShape(folder, w, "encoder.final_layer_norm.weight", c.dModel());
        int inner = c.heads() * c.dKv();
        for (int i = 0; i < c.layers(); i++) {
            String p = "encoder.block." + i + ".layer.";
            checkShape(folder, w, p + "0.layer_norm.weight", c.dModel());
            for (String m : new String[] {"q", "k", "v"}) {
                checkShape(folder, w, p + "0.SelfAttention." + m + ".weight", inner, c.dModel());
            }
            checkShape(folder, w, p + "0.SelfAttention.o.weight", c.dModel(), inner);
            checkShape(folder, w, p + "0.SelfAttention.relative_attention_bias.weight", c.buckets(), c.heads());
            checkShape(folder, w, p + "1.layer_norm.weight", c.dModel());
            checkShape(folder, w, p + "1.DenseReluDense.wi_0.weight", c.dFf(), c.dModel());
            checkShape(folder, w, p + "1.DenseReluDense.wi_1.weight", c.dFf(), c.dModel());
            checkShape(folder, w, p + "1.DenseReluDense.wo.weight", c.dModel(), c.dFf());
        }
        return new UmT5Encoder(c, w);
    }

    /** A tensor config.json implies, present with its shape (read from the headers only). */
    private static void checkShape(Path folder, SafetensorsCheckpoint w, String name, long... shape) throws FileFormatException {
        if (!w.has(name)) {
            throw new FileFormatException(folder, "", "has no tensor '" + name + "' (a UMT5EncoderModel checkpoint has it)");
        }
        long[] found = w.info(name).shape();
        if (!java.util.Arrays.equals(found, shape)) {
            throw new FileFormatException(folder, "tensor '" + name + "'", "is " + java.util.Arrays.toString(found)
                    + "; config.json implies " + java.util.Arrays.toString(shape));
        }
    }

    public UmT5Config config() {
        return config;
    }

    /** What `wan info` says of the encoder: its shape, parameters and what a block-at-a-time pass holds. */
    public List<String> describe() throws FileFormatException {
        long params = 0;
        long block = 0;
        java.util.Set<studio.timestep.io.TensorDType> types = new java.util.TreeSet<>();
        for (String name : weights.tensorFiles().keySet()) {
            long n = weights.info(name).elements();
            params += n;
            types.add(weights.info(name).dtype());
            if (name.startsWith("encoder.block.0.")) {
                block += n;
            }
        }
        return List.of(String.format("config      umT5 encoder: d_model %d, %d heads × %d, d_ff %d, %d layers, vocabulary %d",
                config.dModel(), config.heads(), config.dKv(), config.dFf(), config.layers(), config.vocabSize()),
                String.format("parameters  %,d %s; read a block at a time: %s of FLOAT32 weights at once (one block)", params,
                        types, WanWeights.bytes(4 * block)));
    }

    /**
     * {@code last_hidden_state} [tokens, d_model] of one prompt: {@code mask} is 1 on real tokens and 0 on
     * padding (padded positions are computed too; they see only the real keys). When
     * {@code blockOutputs} is not null, the hidden state after each block is added to it.
     */
    public INDArray encode(long[] ids, long[] mask, List<INDArray> blockOutputs) throws FileFormatException {
        if (ids.length != mask.length || ids.length == 0) {
            throw new IllegalArgumentException("a prompt needs as many mask values as token ids (got " + ids.length + " and "
                    + mask.length + ")");
        }
        for (long id : ids) {
            if (id < 0 || id >= config.vocabSize()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + config.vocabSize());
            }
        }
        int tokens = ids.length;
        INDArray h = weights.rows("shared.weight", ids);
        float[] maskValues = new float[tokens];
        for (int j = 0; j < tokens; j++) {
            maskValues[j] = mask[j] == 0 ? MASKED : 0;
        }
        INDArray keyMask = Nd4j.createFromArray(maskValues).reshape(1, 1, tokens);
        int[] buckets = bucketIndex(tokens);
        INDArray bias = Nd4j.createUninitialized(DataType.FLOAT, new long[] {config.heads(), tokens, tokens}, 'c');
        for (int i = 0; i < config.layers(); i++) {
            String p = "encoder.block." + i + ".layer.";
            positionBias(weights.array(p + "0.SelfAttention.relative_attention_bias.weight"), buckets, bias);
            h.addi(attention(rms(h, p + "0.layer_norm.weight"), p + "0.SelfAttention.", bias.addi(keyMask)));
            h.addi(feedForward(rms(h, p + "1.layer_norm.weight"), p + "1.DenseReluDense."));
            if (blockOutputs != null) {
                blockOutputs.add(h.dup());
            }
        }
        return rms(h, "encoder.final_layer_norm.weight");
    }

    /**
     * Wan's prompt embeddings ({@code WanPipeline._get_t5_prompt_embeds}): the encoder's rows of the
     * real tokens, zero rows after them up to {@code length}. The real tokens are encoded alone:
     * padded keys get weight exactly 0, so the real rows do not depend on the padding.
     */
    public INDArray promptEmbeds(long[] ids, int length) throws FileFormatException {
        if (ids.length > length) {
            throw new IllegalArgumentException("the prompt has " + ids.length + " tokens, more than " + length);
        }
        long[] mask = new long[ids.length];
        java.util.Arrays.fill(mask, 1);
        INDArray out = Nd4j.create(DataType.FLOAT, length, config.dModel());
        out.get(NDArrayIndex.interval(0, ids.length), NDArrayIndex.all()).assign(encode(ids, mask, null));
        return out;
    }

    /** bucket(j − i) for every query i and key j, row-major. */
    private int[] bucketIndex(int tokens) {
        int[] out = new int[tokens * tokens];
        for (int i = 0; i < tokens; i++) {
            for (int j = 0; j < tokens; j++) {
                out[i * tokens + j] = config.bucket(j - i);
            }
        }
        return out;
    }

    /**
     * The block's bias [heads, queries, keys] from its table [buckets, heads], written into {@code out}
     * (a Java gather: ND4J's getRows over the 262,144 query-key pairs of a 512-token prompt took seconds).
     */
    private static void positionBias(INDArray table, int[] buckets, INDArray out) {
        int heads = (int) table.size(1);
        float[] t = table.data().asFloat();
        float[] row = new float[buckets.length];
        java.nio.FloatBuffer target = ((org.bytedeco.javacpp.FloatPointer) out.data().addressPointer())
                .capacity(out.length()).limit(out.length()).asBuffer();
        for (int h = 0; h < heads; h++) {
            for (int k = 0; k < buckets.length; k++) {
                row[k] = t[buckets[k] * heads + h];
            }
            target.put(h * buckets.length, row, 0, row.length);
        }
        DenseFloats.wroteOnHost(out);
    }

    /** softmax(q·kᵀ + bias + mask)·v per head, no 1/√d_kv (UMT5Attention), then the output projection. */
    private INDArray attention(INDArray n, String p, INDArray bias) throws FileFormatException {
        int heads = config.heads();
        INDArray q = splitHeads(linear(n, p + "q.weight"));
        INDArray k = splitHeads(linear(n, p + "k.weight"));
        INDArray v = splitHeads(linear(n, p + "v.weight"));
        INDArray scores = Nd4j.matmul(q, k, null, false, true, false).addi(bias);
        WanRowKernels.softmaxLastAxis(scores);
        INDArray context = Nd4j.matmul(scores, v);
        long tokens = n.size(0);
        return linear(context.permute(1, 0, 2).dup('c').reshape(tokens, (long) heads * config.dKv()), p + "o.weight");
    }

    private INDArray splitHeads(INDArray x) {
        return WanRowKernels.splitHeads(x, 0, Math.toIntExact(x.size(1)), config.heads());
    }

    /** (gelu_new(n·wi_0ᵀ) ⊙ n·wi_1ᵀ)·woᵀ (UMT5DenseGatedActDense). */
    private INDArray feedForward(INDArray n, String p) throws FileFormatException {
        INDArray gate = WanRowKernels.geluTanh(linear(n, p + "wi_0.weight"));
        return linear(gate.muli(linear(n, p + "wi_1.weight")), p + "wo.weight");
    }

    /** T5LayerNorm: x / sqrt(mean(x²) + eps) · w, a new array. */
    private INDArray rms(INDArray x, String weight) throws FileFormatException {
        return WanRowKernels.rmsNorm(x, 0, Math.toIntExact(x.size(1)), weights.array(weight), config.eps());
    }

    /** x·Wᵀ with W the PyTorch [out, in] weight, read now into the buffer of its shape (one block's worth in all). */
    private INDArray linear(INDArray x, String weight) throws FileFormatException {
        long[] shape = weights.info(weight).shape();
        INDArray buffer = weightBuffers.computeIfAbsent(java.util.Arrays.stream(shape).boxed().toList(),
                s -> Nd4j.createUninitialized(DataType.FLOAT, shape, 'c'));
        return Nd4j.gemm(x, weights.arrayInto(weight, buffer), false, true);
    }
}
