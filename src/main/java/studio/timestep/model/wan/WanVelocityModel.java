package studio.timestep.model.wan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import studio.timestep.io.FileFormatException;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.Prompt;
import studio.timestep.model.PromptKind;
import studio.timestep.model.VelocityModel;

/**
 * The Wan transformer as a velocity model over frames [F, C, H, W] of its space (Wan2.1: latent
 * frames [F, 16, H/8, W/8]; the embedded tiny model: RGB pixels). The model sees the window's
 * frames (its rotary positions start at the window); each frame's tokens get that frame's
 * timestep 1000·σ_f, so a condition frame at σ = 0 gets t = 0. Prompts become text embeddings
 * through a {@link TextEncoder} (umT5 embeddings files for Wan2.1); each prompt is encoded once and
 * its cross-attention keys and values are reused.
 */
public final class WanVelocityModel implements VelocityModel {
    /** How a prompt becomes the transformer's text input [tokens, text_dim]. */
    public interface TextEncoder {
        PromptKind promptKind();

        /** The embeddings; a prompt this encoder cannot read is an IllegalArgumentException naming why. */
        INDArray embeddings(Prompt prompt, int textDim);
    }

    /** Wan2.1's: a safetensors file of umT5 embeddings per prompt, padded to 512 rows. */
    public static final TextEncoder EMBEDDINGS_FILES = new TextEncoder() {
        @Override
        public PromptKind promptKind() {
            return PromptKind.EMBEDDINGS;
        }

        @Override
        public INDArray embeddings(Prompt prompt, int textDim) {
            if (!(prompt instanceof Prompt.Embeddings file)) {
                throw new IllegalArgumentException(PromptKind.EMBEDDINGS.refusal("Wan", prompt));
            }
            try {
                return WanPromptEmbeddings.read(file.file(), textDim);
            } catch (FileFormatException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    };

    private final WanTransformer transformer;
    private final long[] frameShape;
    private final int frames;
    private final TextEncoder text;
    private final String name;
    private final Map<Prompt, WanPromptContext> prompts = new HashMap<>();
    private WanStepCache cache;

    /** Wan2.1 with its condition frames (latent files) and its preview (the latent RGB projection). */
    public static LoadedModel load(WanTransformer transformer, WanVideoSize size) {
        return load(transformer, size, EMBEDDINGS_FILES);
    }

    /** The same with prompts made by {@code text} (a pipeline's tokenizer and umT5 encoder). */
    public static LoadedModel load(WanTransformer transformer, WanVideoSize size, TextEncoder text) {
        String name = "Wan (" + transformer.config().dim() + " dim, " + transformer.config().layers() + " layers) at "
                + size.width() + "×" + size.height() + ", " + size.frames() + " frames";
        WanVelocityModel model = new WanVelocityModel(transformer, size.latentFrames(), size.latentHeight(), size.latentWidth(),
                text, name);
        return new LoadedModel(model, new WanLatentSources(model.frameShape()), WanLatentPreview.INSTANCE);
    }

    public WanVelocityModel(WanTransformer transformer, int frames, long height, long width, TextEncoder text, String name) {
        if (transformer.config().inChannels() != transformer.config().outChannels()) {
            throw new IllegalArgumentException("in_channels " + transformer.config().inChannels() + " ≠ out_channels "
                    + transformer.config().outChannels() + ": not a velocity model");
        }
        this.transformer = transformer;
        this.frames = frames;
        this.frameShape = new long[] {transformer.config().inChannels(), height, width};
        this.text = text;
        this.name = name;
    }

    /** The transformer this model runs. */
    public WanTransformer transformer() {
        return transformer;
    }
    @Override
    public List<INDArray> velocities(INDArray x, double[] sigmas, int windowStart, int windowEnd, List<Prompt> promptFiles) {
        int frames = frames();
        long[] frame = frameShape();
        int start = Math.max(0, windowStart);
        int end = Math.min(frames, windowEnd);
        INDArray latent = x.reshape(frames, frame[0], frame[1], frame[2])
                .get(NDArrayIndex.interval(start, end), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                .permute(1, 0, 2, 3).dup('c');
        int patchFrames = transformer.config().patchSize()[0];
        int perPatch = (int) transformer.tokens(patchFrames, frame[1], frame[2]);
        float[] timesteps = new float[(int) transformer.tokens(end - start, frame[1], frame[2])];
        for (int from = 0, f = start; from < timesteps.length; from += perPatch, f += patchFrames) {
            // a patch spanning several frames takes its first frame's level
            Arrays.fill(timesteps, from, from + perPatch, (float) (1000 * sigmas[f]));
        }
        List<INDArray> out = new ArrayList<>();
        for (int branch = 0; branch < promptFiles.size(); branch++) {
            INDArray v = transformer.forward(latent, timesteps, context(promptFiles.get(branch)), cache, branch);
            INDArray full = Nd4j.zeros(DataType.FLOAT, frames, frame[0], frame[1], frame[2]);
            full.get(NDArrayIndex.interval(start, end), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(v.permute(1, 0, 2, 3));
            out.add(full.reshape(x.shape()));
        }
        return out;
    }

    /**
     * Runs the following evaluations under {@code cache} (null: none), each prompt of an evaluation
     * its own branch. A cache holds one run's state: set a new one for each run.
     */
    public void useCache(WanStepCache cache) {
        this.cache = cache;
    }

    private WanPromptContext context(Prompt prompt) {
        WanPromptContext c = prompts.get(prompt);
        if (c == null) {
            c = transformer.prompt(text.embeddings(prompt, transformer.config().textDim()));
            prompts.put(prompt, c);
        }
        return c;
    }

    @Override
    public PromptKind promptKind() {
        return text.promptKind();
    }

    @Override
    public long[] frameShape() {
        return frameShape.clone();
    }

    @Override
    public int frames() {
        return frames;
    }

    @Override
    public String name() {
        return name;
    }
}
