package studio.timestep.model.wan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.SafetensorsCheckpoint;
import studio.timestep.io.SafetensorsFile;
import studio.timestep.io.TensorDType;

/**
 * A Wan transformer's configuration and checkpoint, checked against each other before anything
 * runs: every tensor the configuration implies is present with its shape and a float dtype.
 * Weights are read as FLOAT32; with {@link Residency#STREAMED} a block's weights are upcast from
 * the memory-mapped file each time it runs and dropped after, so a BF16 checkpoint needs about
 * its own size in memory rather than twice it.
 */
public final class WanWeights {
    /** Whether all block weights are upcast once (fast) or per use (compact). */
    public enum Residency { FLOAT32, STREAMED }

    private final Path folder;
    private final WanConfig config;
    private final SafetensorsCheckpoint checkpoint;
    private final Residency residency;
    private final WanBlockWeights[] blocks;
    final WanLinear patch;
    final WanLinear time1;
    final WanLinear time2;
    final WanLinear timeProj;
    final WanLinear text1;
    final WanLinear text2;
    final INDArray outputModulation;
    final WanLinear projOut;

    private WanWeights(Path folder, WanConfig config, SafetensorsCheckpoint checkpoint, Residency residency)
            throws FileFormatException {
        this.folder = folder;
        this.config = config;
        this.checkpoint = checkpoint;
        this.residency = residency;
        long d = config.dim();
        this.patch = new WanLinear(tensor("patch_embedding.weight").reshape(d, (long) config.inChannels() * config.patchVolume()),
                tensor("patch_embedding.bias"));
        this.time1 = linear("condition_embedder.time_embedder.linear_1");
        this.time2 = linear("condition_embedder.time_embedder.linear_2");
        this.timeProj = linear("condition_embedder.time_proj");
        this.text1 = linear("condition_embedder.text_embedder.linear_1");
        this.text2 = linear("condition_embedder.text_embedder.linear_2");
        this.outputModulation = tensor("scale_shift_table").reshape(2, d);
        this.projOut = linear("proj_out");
        this.blocks = new WanBlockWeights[config.layers()];
        if (residency == Residency.FLOAT32) {
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = readBlock(i);
            }
        }
    }

    /**
     * Opens a model folder: a diffusers transformer folder (config.json and the checkpoint) or a
     * pipeline folder with a {@code transformer/} sub-folder. {@code variant} picks e.g. the
     * {@code .bf16.} files; residency null chooses by the memory ND4J may use.
     */
    public static WanWeights open(Path folder, String variant, Residency residency) throws FileFormatException {
        Path dir = Files.isRegularFile(folder.resolve("config.json")) ? folder : folder.resolve("transformer");
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new FileFormatException(folder, "", "is not a Wan model folder (no config.json, no transformer/config.json)");
        }
        WanConfig config = WanConfig.read(dir.resolve("config.json"));
        SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir, variant);
        List<String> problems = problems(config, checkpoint);
        if (!problems.isEmpty()) {
            throw new FileFormatException(dir, "", "does not fit its config.json: " + String.join("; ", problems));
        }
        if (residency == null) {
            long float32 = 4 * parameterCount(checkpoint);
            residency = float32 <= Pointer.maxBytes() / 2 ? Residency.FLOAT32 : Residency.STREAMED;
        }
        return new WanWeights(dir, config, checkpoint, residency);
    }

    /** What does not fit: missing tensors, wrong shapes, non-float dtypes (each named with its file). */
    static List<String> problems(WanConfig config, SafetensorsCheckpoint checkpoint) throws FileFormatException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, long[]> e : WanTensorNames.expected(config).entrySet()) {
            if (!checkpoint.has(e.getKey())) {
                problems.add("tensor '" + e.getKey() + "' is missing");
                continue;
            }
            SafetensorsFile.TensorInfo t = checkpoint.info(e.getKey());
            String file = checkpoint.tensorFiles().get(e.getKey()).file().getFileName().toString();
            if (!Arrays.equals(t.shape(), e.getValue())) {
                problems.add(file + ": tensor '" + e.getKey() + "' has shape " + t.shapeText() + ", the config needs "
                        + Arrays.toString(e.getValue()));
            } else if (!t.dtype().isFloat()) {
                problems.add(file + ": tensor '" + e.getKey() + "' has dtype " + t.dtype() + " (F32, F16 or BF16 needed)");
            }
            if (problems.size() >= 5) {
                problems.add("…");
                break;
            }
        }
        // tensors the config does not account for (more blocks than num_layers, another model's parts)
        Map<String, long[]> expected = WanTensorNames.expected(config);
        List<String> unexpected = checkpoint.tensorFiles().keySet().stream().filter(n -> !expected.containsKey(n)).sorted()
                .toList();
        if (!unexpected.isEmpty() && problems.size() < 5) {
            problems.add(unexpected.size() + " tensor(s) the config does not use, e.g. '" + unexpected.get(0) + "'"
                    + (unexpected.get(0).startsWith("blocks.") ? " (num_layers is " + config.layers() + ")" : ""));
        }
        return problems;
    }

    static long parameterCount(SafetensorsCheckpoint checkpoint) throws FileFormatException {
        long n = 0;
        for (String name : checkpoint.tensorFiles().keySet()) {
            n += checkpoint.info(name).elements();
        }
        return n;
    }

    public WanConfig config() {
        return config;
    }

    public Path folder() {
        return folder;
    }

    public Residency residency() {
        return residency;
    }

    /** A summary for `wan info` and the model check in the window. */
    public List<String> describe() throws FileFormatException {
        long params = parameterCount(checkpoint);
        Map<TensorDType, Long> byType = new TreeMap<>();
        for (String name : checkpoint.tensorFiles().keySet()) {
            byType.merge(checkpoint.info(name).dtype(), checkpoint.info(name).elements(), Long::sum);
        }
        List<String> lines = new ArrayList<>();
        lines.add("folder      " + folder);
        lines.add("files       " + checkpoint.files().stream().map(f -> f.file().getFileName().toString()).toList());
        lines.add(String.format("config      dim %d (%d heads × %d), ffn %d, %d layers, text %d, channels %d→%d, patch %s",
                config.dim(), config.heads(), config.headDim(), config.ffnDim(), config.layers(), config.textDim(),
                config.inChannels(), config.outChannels(), Arrays.toString(config.patchSize())));
        lines.add(String.format("parameters  %,d", params));
        lines.add("dtypes      " + byType);
        lines.add(String.format("memory      FLOAT32 %s, BF16 %s (weights only)", bytes(4 * params), bytes(2 * params)));
        lines.add("residency   " + residency);
        return lines;
    }

    static String bytes(long b) {
        return b >= 1L << 30 ? String.format("%.2f GiB", b / (double) (1L << 30)) : String.format("%.1f MiB", b / (double) (1L << 20));
    }

    WanBlockWeights block(int i) {
        if (blocks[i] != null) {
            return blocks[i];
        }
        try {
            return readBlock(i);
        } catch (FileFormatException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private WanBlockWeights readBlock(int i) throws FileFormatException {
        String b = "blocks." + i + ".";
        WanLinear q = linear(b + "attn1.to_q");
        WanLinear k = linear(b + "attn1.to_k");
        WanLinear v = linear(b + "attn1.to_v");
        WanBlockWeights.SelfAttention self = new WanBlockWeights.SelfAttention(
                new WanLinear(Nd4j.concat(0, q.weight(), k.weight(), v.weight()), Nd4j.concat(0, q.bias(), k.bias(), v.bias())),
                linear(b + "attn1.to_out.0"), tensor(b + "attn1.norm_q.weight"), tensor(b + "attn1.norm_k.weight"));
        String c = b + "attn2.";
        WanBlockWeights.CrossAttention cross = new WanBlockWeights.CrossAttention(linear(c + "to_q"), linear(c + "to_k"),
                linear(c + "to_v"), linear(c + "to_out.0"), tensor(c + "norm_q.weight"), tensor(c + "norm_k.weight"));
        return new WanBlockWeights(self, cross,
                config.crossAttnNorm() ? tensor(b + "norm2.weight") : null,
                config.crossAttnNorm() ? tensor(b + "norm2.bias") : null,
                linear(b + "ffn.net.0.proj"), linear(b + "ffn.net.2"),
                tensor(b + "scale_shift_table").reshape(6, config.dim()));
    }

    private WanLinear linear(String name) throws FileFormatException {
        return new WanLinear(tensor(name + ".weight"), tensor(name + ".bias"));
    }

    /** A tensor of the checkpoint as FLOAT, read from its file at each call (to train the weights further). */
    public INDArray tensor(String name) throws FileFormatException {
        return checkpoint.array(name);
    }
}
