package studio.timestep.model;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A finite collection of captioned clips, stored as one FLOAT matrix [clips, frames·C·H·W]
 * (pixel values in [-1, 1]) so the analytic model reads it with matrix products.
 */
public record ClipCollection(INDArray clips, List<String> captions, int frames, int channels, int height, int width) {
    public ClipCollection {
        if (clips.rank() != 2 || clips.size(0) != captions.size()
                || clips.size(1) != (long) frames * channels * height * width) {
            throw new IllegalArgumentException("clips must be [" + captions.size() + ", " + (long) frames * channels * height * width
                    + "], got " + Arrays.toString(clips.shape()));
        }
    }

    public int size() {
        return captions.size();
    }

    public long frameSize() {
        return (long) channels * height * width;
    }

    /** Clip i as [frames, channels, height, width] (a copy). */
    public INDArray clip(int i) {
        return clips.getRow(i).dup().reshape(frames, channels, height, width);
    }

    /** Bytes the collection occupies (what one pass over it streams through memory). */
    public long bytes() {
        return clips.length() * clips.dataType().width();
    }
}
