package studio.timestep.model.wan;

import java.nio.file.Path;
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
 * The Wan transformer as a velocity model over latent frames [F, 16, H/8, W/8]. The model sees
 * the window's frames (its rotary positions start at the window); each frame's tokens get that
 * frame's timestep 1000·σ_f, so a condition frame at σ = 0 gets t = 0. A prompt is the path of
 * a umT5 embeddings file; each is read once and its cross-attention keys and values are reused.
 */
public final class WanVelocityModel implements VelocityModel {
    private final WanTransformer transformer;
    private final WanVideoSize size;
    private final Map<Path, WanPromptContext> prompts = new HashMap<>();

    /** The model with its condition frames (latent files) and its preview (the latent RGB projection). */
    public static LoadedModel load(WanTransformer transformer, WanVideoSize size) {
        WanVelocityModel model = new WanVelocityModel(transformer, size);
        return new LoadedModel(model, new WanLatentSources(model.frameShape()), WanLatentPreview.INSTANCE);
    }

    public WanVelocityModel(WanTransformer transformer, WanVideoSize size) {
        if (transformer.config().inChannels() != transformer.config().outChannels()) {
            throw new IllegalArgumentException("in_channels " + transformer.config().inChannels() + " ≠ out_channels "
                    + transformer.config().outChannels() + ": not a velocity model");
        }
        this.transformer = transformer;
        this.size = size;
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
        for (Prompt p : promptFiles) {
            INDArray v = transformer.forward(latent, timesteps, context(p));
            INDArray full = Nd4j.zeros(DataType.FLOAT, frames, frame[0], frame[1], frame[2]);
            full.get(NDArrayIndex.interval(start, end), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(v.permute(1, 0, 2, 3));
            out.add(full.reshape(x.shape()));
        }
        return out;
    }

    private WanPromptContext context(Prompt prompt) {
        if (!(prompt instanceof Prompt.Embeddings embeddings)) {
            throw new IllegalArgumentException("Wan takes prompts as " + PromptKind.EMBEDDINGS.description() + ", not "
                    + prompt.kind().description() + " (" + prompt.describe() + ")");
        }
        Path file = embeddings.file();
        WanPromptContext c = prompts.get(file);
        if (c == null) {
            try {
                c = transformer.prompt(WanPromptEmbeddings.read(file, transformer.config().textDim()));
            } catch (FileFormatException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            prompts.put(file, c);
        }
        return c;
    }

    @Override
    public PromptKind promptKind() {
        return PromptKind.EMBEDDINGS;
    }

    @Override
    public long[] frameShape() {
        return new long[] {transformer.config().inChannels(), size.latentHeight(), size.latentWidth()};
    }

    @Override
    public int frames() {
        return size.latentFrames();
    }

    @Override
    public String name() {
        return "Wan (" + transformer.config().dim() + " dim, " + transformer.config().layers() + " layers) at "
                + size.width() + "×" + size.height() + ", " + size.frames() + " frames";
    }
}
