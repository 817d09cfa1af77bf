package studio.timestep.model.wan;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.SafetensorsFile;
import studio.timestep.model.ConditionLoader;
import studio.timestep.plan.FrameSource;

/**
 * Condition frames of a Wan run: a latent .safetensors file, [C, h, w], or [C, F, h, w] /
 * [1, C, F, h, w] of which the source's frame is taken. Images would need the Wan VAE encoder.
 */
final class WanLatentSources implements ConditionLoader {
    private final long[] frameShape;

    WanLatentSources(long[] frameShape) {
        this.frameShape = frameShape.clone();
    }

    @Override
    public INDArray load(int frame, FrameSource source, Path baseDir) {
        if (!source.path().toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
            throw new IllegalArgumentException("frame " + frame + ": source " + source.path() + " — a Wan run takes "
                    + "condition frames as latent .safetensors files or frames of the plan (images need the Wan VAE, "
                    + "which this program does not include)");
        }
        Path file = baseDir.resolve(source.path());
        try {
            SafetensorsFile f = SafetensorsFile.open(file);
            if (f.tensors().size() != 1) {
                throw new IllegalArgumentException("frame " + frame + ": " + source.path() + " should hold one latent tensor");
            }
            String name = f.tensors().keySet().iterator().next();
            long[] shape = f.info(name).shape();
            long[] s = shape.length == 5 && shape[0] == 1 ? Arrays.copyOfRange(shape, 1, 5) : shape;
            INDArray values = f.array(name).reshape(s);
            if (s.length == 3) {
                values = values.reshape(s[0], 1, s[1], s[2]);
            }
            if (values.rank() != 4 || values.size(0) != frameShape[0] || values.size(2) != frameShape[1]
                    || values.size(3) != frameShape[2]) {
                throw new IllegalArgumentException("frame " + frame + ": " + source.path() + " has shape "
                        + Arrays.toString(shape) + "; a latent frame here is " + Arrays.toString(frameShape));
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
}
