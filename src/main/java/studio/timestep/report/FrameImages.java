package studio.timestep.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.io.AtomicFiles;

/** Video frames [F, 3, H, W] with values in [-1, 1] as pictures (nearest-neighbour upscaled), PNG files and a GIF. */
public final class FrameImages {
    private FrameImages() {
    }

    public static List<BufferedImage> pictures(INDArray frames, int scale) {
        long[] s = frames.shape();
        int f = (int) s[0];
        int h = (int) s[2];
        int w = (int) s[3];
        float[] data = frames.dup().data().asFloat();
        List<BufferedImage> out = new ArrayList<>();
        int plane = h * w;
        for (int k = 0; k < f; k++) {
            BufferedImage img = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
            int base = k * 3 * plane;
            for (int y = 0; y < h * scale; y++) {
                for (int x = 0; x < w * scale; x++) {
                    int p = (y / scale) * w + x / scale;
                    img.setRGB(x, y, byteOf(data[base + p]) << 16 | byteOf(data[base + plane + p]) << 8
                            | byteOf(data[base + 2 * plane + p]));
                }
            }
            out.add(img);
        }
        return out;
    }

    /** The whole-number upscale that makes frames at least {@code minWidth} pixels wide. */
    public static int scaleFor(INDArray frames, int minWidth) {
        return (int) Math.max(1, (minWidth + frames.size(3) - 1) / frames.size(3));
    }

    private static int byteOf(float v) {
        return Math.round((Math.max(-1, Math.min(1, v)) + 1) * 127.5f);
    }

    /** frame_000.png … in {@code dir}. */
    public static void writePngs(List<BufferedImage> pictures, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < pictures.size(); i++) {
            AtomicFiles.writePng(dir.resolve(String.format(Locale.ROOT, "frame_%03d.png", i)), pictures.get(i));
        }
    }

    /**
     * An H.264 MP4 (jcodec's pure-Java encoder, baseline profile), written beside the target and
     * moved in when complete. H.264 wants even sizes: an odd last row or column is left out.
     */
    public static void writeMp4(List<BufferedImage> pictures, Path file, int fps) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path encoded = Files.createTempFile(dir, "." + file.getFileName(), ".mp4.tmp");
        try {
            try (var channel = org.jcodec.common.io.NIOUtils.writableChannel(encoded.toFile())) {
                var encoder = new org.jcodec.api.awt.AWTSequenceEncoder(channel, org.jcodec.common.model.Rational.R(fps, 1));
                for (BufferedImage p : pictures) {
                    BufferedImage even = p.getSubimage(0, 0, p.getWidth() & ~1, p.getHeight() & ~1);
                    BufferedImage rgb = new BufferedImage(even.getWidth(), even.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
                    rgb.getGraphics().drawImage(even, 0, 0, null);
                    encoder.encodeImage(rgb);
                }
                encoder.finish();
            }
            AtomicFiles.write(file, out -> Files.copy(encoded, out));
        } finally {
            Files.deleteIfExists(encoded);
        }
    }

    public static void writeGif(List<BufferedImage> pictures, Path file, int fps) throws IOException {
        AtomicFiles.write(file, out -> {
            try (GifSequenceWriter gif = new GifSequenceWriter(out, 1000 / Math.max(1, fps), true)) {
                for (BufferedImage p : pictures) {
                    gif.add(p);
                }
            }
        });
    }
}
