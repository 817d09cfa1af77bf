package studio.timestep.model;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import studio.timestep.plan.FrameSource;

/**
 * Turns a frame's source into pixels [C·H·W] in [-1, 1] at the model's size: {@code clip:N}
 * names clip N of the embedded collection (a video source takes its frame), an image file is
 * read and resized, a GIF is read as a video. A source that cannot be read is reported with
 * the frame it belongs to (IllegalArgumentException).
 */
final class ClipSources implements ConditionLoader {
    private final ClipCollection clips;

    ClipSources(ClipCollection clips) {
        this.clips = clips;
    }

    @Override
    public INDArray load(int frame, FrameSource source, Path baseDir) {
        String path = source.path();
        int sourceFrame = source.kind() == FrameSource.Kind.VIDEO ? source.frame() : 0;
        if (path.startsWith("clip:")) {
            int n;
            try {
                n = Integer.parseInt(path.substring(5).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("frame " + frame + ": source '" + path + "' should be clip:N");
            }
            if (n < 0 || n >= clips.size()) {
                throw new IllegalArgumentException("frame " + frame + ": source " + path + " — the collection has clips 0.."
                        + (clips.size() - 1));
            }
            return clips.clip(n).get(NDArrayIndex.point(sourceFrame % clips.frames()))
                    .reshape(1, clips.frameSize());
        }
        Path file = baseDir.resolve(path);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("frame " + frame + ": source " + path + " does not exist (use an image file, a GIF, "
                    + "or clip:N for a clip of the collection)");
        }
        try {
            return pixels(readFrame(file, sourceFrame));
        } catch (IOException e) {
            throw new IllegalArgumentException("frame " + frame + ": source " + e.getMessage());
        }
    }

    private static BufferedImage readFrame(Path file, int index) throws IOException {
        return SafeImages.read(file, index).get(0);
    }

    private INDArray pixels(BufferedImage image) {
        float[] data = ImagePixels.planarRgb(image, clips.width(), clips.height());
        return Nd4j.create(data, new long[] {1, data.length}, DataType.FLOAT);
    }
}
