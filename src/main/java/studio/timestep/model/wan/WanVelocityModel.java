package studio.timestep.model.wan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.SafetensorsFile;
import studio.timestep.model.VelocityModel;
import studio.timestep.plan.FrameSource;

/**
 * The Wan transformer as a velocity model over latent frames [F, 16, H/8, W/8]. The model sees
 * the window's frames (its rotary positions start at the window); each frame's tokens get that
 * frame's timestep 1000·σ_f, so a condition frame at σ = 0 gets t = 0. A prompt is the path of
 * a umT5 embeddings file; each is read once and its cross-attention keys and values are reused.
 */
public final class WanVelocityModel implements VelocityModel {
    private final WanTransformer transformer;
    private final WanVideoSize size;
    private final Path promptDir;
    private final Map<String, WanPromptContext> prompts = new HashMap<>();

    public WanVelocityModel(WanTransformer transformer, WanVideoSize size, Path promptDir) {
        if (transformer.config().inChannels() != transformer.config().outChannels()) {
            throw new IllegalArgumentException("in_channels " + transformer.config().inChannels() + " ≠ out_channels "
                    + transformer.config().outChannels() + ": not a velocity model");
        }
        this.transformer = transformer;
        this.size = size;
        this.promptDir = promptDir;
    }

    @Override
    public List<INDArray> velocities(INDArray x, double[] sigmas, int windowStart, int windowEnd, List<String> promptFiles) {
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
            java.util.Arrays.fill(timesteps, from, from + perPatch, (float) (1000 * sigmas[f]));
        }
        List<INDArray> out = new ArrayList<>();
        for (String p : promptFiles) {
            INDArray v = transformer.forward(latent, timesteps, context(p));
            INDArray full = Nd4j.zeros(DataType.FLOAT, frames, frame[0], frame[1], frame[2]);
            full.get(NDArrayIndex.interval(start, end), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(v.permute(1, 0, 2, 3));
            out.add(full.reshape(x.shape()));
        }
        return out;
    }

    private WanPromptContext context(String file) {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("Wan needs prompt embeddings: a umT5 .safetensors file for the prompt "
                    + "(and one for the negative prompt when guidance > 1)");
        }
        WanPromptContext c = prompts.get(file);
        if (c == null) {
            try {
                c = transformer.prompt(WanPromptEmbeddings.read(promptDir.resolve(file), transformer.config().textDim()));
            } catch (FileFormatException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            prompts.put(file, c);
        }
        return c;
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

    /** A latent file: [C, h, w], or [C, F, h, w] / [1, C, F, h, w] of which the source's frame is taken. */
    @Override
    public INDArray conditionSource(int frame, FrameSource source, Path baseDir) {
        if (!source.path().toLowerCase(java.util.Locale.ROOT).endsWith(".safetensors")) {
            throw new IllegalArgumentException("frame " + frame + ": source " + source.path() + " — a Wan run takes "
                    + "condition frames as latent .safetensors files or frames of the plan (images need the Wan VAE, "
                    + "which this program does not include)");
        }
        Path file = baseDir.resolve(source.path());
        long[] frameShape = frameShape();
        try {
            SafetensorsFile f = SafetensorsFile.open(file);
            if (f.tensors().size() != 1) {
                throw new IllegalArgumentException("frame " + frame + ": " + source.path() + " should hold one latent tensor");
            }
            String name = f.tensors().keySet().iterator().next();
            long[] shape = f.info(name).shape();
            long[] s = shape.length == 5 && shape[0] == 1 ? java.util.Arrays.copyOfRange(shape, 1, 5) : shape;
            INDArray values = f.array(name).reshape(s);
            if (s.length == 3) {
                values = values.reshape(s[0], 1, s[1], s[2]);
            }
            if (values.rank() != 4 || values.size(0) != frameShape[0] || values.size(2) != frameShape[1]
                    || values.size(3) != frameShape[2]) {
                throw new IllegalArgumentException("frame " + frame + ": " + source.path() + " has shape "
                        + java.util.Arrays.toString(shape) + "; a latent frame here is " + java.util.Arrays.toString(frameShape));
            }
            int index = source.kind() == FrameSource.Kind.VIDEO ? source.frame() : 0;
            if (index >= values.size(1)) {
                throw new IllegalArgumentException("frame " + frame + ": " + source.path() + " has " + values.size(1)
                        + " latent frames, no frame " + index);
            }
            return values.get(NDArrayIndex.all(), NDArrayIndex.point(index), NDArrayIndex.all(), NDArrayIndex.all())
                    .dup('c').reshape(1, frameShape[0] * frameShape[1] * frameShape[2]);
        } catch (FileFormatException e) {
            throw new IllegalArgumentException("frame " + frame + ": " + e.getMessage(), e);
        }
    }

    @Override
    public INDArray previewPixels(INDArray frames) {
        return WanLatentPreview.rgb(frames);
    }

    @Override
    public boolean previewIsApproximate() {
        return true;
    }
}
