package studio.timestep.model;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The user's own clips: each sub-folder of PNG frames (in name order) or each GIF in a folder is
 * one clip, captioned by its name ("red_car-left" → "red car left"). Clips are resized to the
 * model's size; shorter clips loop, longer ones are cut to the frame count.
 */
public final class ClipFolder {
    private ClipFolder() {
    }

    public static ClipCollection load(Path dir, int frames, int size) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder");
        }
        List<List<BufferedImage>> clips = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                List<BufferedImage> pictures = Files.isDirectory(p) ? pngSequence(p)
                        : p.toString().toLowerCase(Locale.ROOT).endsWith(".gif") ? gifFrames(p) : List.of();
                if (!pictures.isEmpty()) {
                    clips.add(pictures);
                    String name = p.getFileName().toString().replaceFirst("\\.[^.]+$", "");
                    captions.add(name.replaceAll("[_\\-.]+", " ").trim());
                }
            }
        }
        if (clips.isEmpty()) {
            throw new IOException("no clips in " + dir + ": expected sub-folders of PNG frames or GIF files");
        }
        long frameSize = 3L * size * size;
        long bytes = 4L * clips.size() * frames * frameSize;
        if (bytes > MovingShapeClips.MAX_BYTES) {
            throw new IOException(clips.size() + " clips of " + frames + " frames at " + size + "×" + size
                    + " are too large for memory; use fewer frames or a smaller size");
        }
        float[] data = new float[(int) (clips.size() * frames * frameSize)];
        for (int c = 0; c < clips.size(); c++) {
            List<BufferedImage> pictures = clips.get(c);
            for (int f = 0; f < frames; f++) {
                float[] pixels = ImagePixels.planarRgb(pictures.get(f % pictures.size()), size, size);
                System.arraycopy(pixels, 0, data, (int) ((c * (long) frames + f) * frameSize), pixels.length);
            }
        }
        return new ClipCollection(Nd4j.create(data, new long[] {clips.size(), frames * frameSize}, DataType.FLOAT),
                captions, frames, 3, size, size);
    }

    private static List<BufferedImage> pngSequence(Path folder) throws IOException {
        List<BufferedImage> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".png")).sorted().toList()) {
                out.add(SafeImages.read(f, 0).get(0));
            }
        }
        return out;
    }

    private static List<BufferedImage> gifFrames(Path file) throws IOException {
        return SafeImages.read(file);
    }
}
