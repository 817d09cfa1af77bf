package studio.timestep.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The built-in clip collection: shapes of several colours moving in a direction across a dark
 * background, some bouncing off the edges, captioned ("red ball moving right bouncing").
 * Deterministic from the seed, so a run is reproducible without any download.
 */
public final class MovingShapeClips {
    public static final int DEFAULT_CLIPS = 256;
    public static final int DEFAULT_FRAMES = 16;
    public static final int DEFAULT_SIZE = 32;
    /** The seed of the embedded collection: every session (and the shipped model's training) sees the same clips. */
    public static final long EMBEDDED_SEED = 1234;
    /** The largest collection generated (it is held in memory as FLOAT). */
    public static final long MAX_BYTES = 1L << 30;

    static final String[] SHAPES = {"ball", "square", "ring"};
    static final String[] COLOURS = {"red", "green", "blue", "yellow", "white", "purple"};
    static final float[][] RGB = {{1f, -0.8f, -0.8f}, {-0.8f, 0.9f, -0.8f}, {-0.7f, -0.5f, 1f}, {1f, 0.9f, -0.9f},
        {1f, 1f, 1f}, {0.6f, -0.8f, 0.9f}};
    private static final float[] BACKGROUND = {-0.85f + 0.05f * 0, -0.85f + 0.05f * 1, -0.85f + 0.05f * 2};
    static final String[] DIRECTIONS = {"right", "left", "up", "down"};

    private MovingShapeClips() {
    }

    /** Memory a collection takes as FLOAT: clips × frames × 3 × size². */
    public static long bytes(int clips, int frames, int size) {
        return (long) clips * frames * 3L * size * size * Float.BYTES;
    }

    /** The embedded collection at {@code frames} frames. */
    public static ClipCollection embedded(int frames) {
        return generate(DEFAULT_CLIPS, frames, DEFAULT_SIZE, EMBEDDED_SEED);
    }

    public static ClipCollection generate(int clips, int frames, int size, long seed) {
        if (clips < 1 || frames < 1 || size < 8) {
            throw new IllegalArgumentException("need at least 1 clip, 1 frame and 8 pixels");
        }
        long bytes = bytes(clips, frames, size);
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d clips of %d frames at %dx%d need %.1f GiB; the clip collection holds at most %.0f GiB — use fewer"
                            + " frames, clips or pixels", clips, frames, size, size, bytes / 1073741824.0, MAX_BYTES / 1073741824.0));
        }
        Random random = new Random(seed);
        int frameSize = 3 * size * size;
        float[] data = new float[clips * frames * frameSize];
        List<String> captions = new ArrayList<>();
        for (int c = 0; c < clips; c++) {
            int shape = random.nextInt(SHAPES.length);
            int colour = random.nextInt(COLOURS.length);
            int direction = random.nextInt(DIRECTIONS.length);
            boolean bounce = random.nextBoolean();
            double radius = size * (0.12 + 0.1 * random.nextDouble());
            double x = radius + random.nextDouble() * (size - 2 * radius);
            double y = radius + random.nextDouble() * (size - 2 * radius);
            double speed = size * (0.03 + 0.04 * random.nextDouble());
            double dx = direction == 0 ? speed : direction == 1 ? -speed : 0;
            double dy = direction == 2 ? -speed : direction == 3 ? speed : 0;
            for (int f = 0; f < frames; f++) {
                draw(data, (c * frames + f) * frameSize, size, SHAPES[shape], RGB[colour], x, y, radius);
                x += dx;
                y += dy;
                if (bounce) {
                    if (x < radius || x > size - radius) {
                        dx = -dx;
                        x = Math.max(radius, Math.min(size - radius, x));
                    }
                    if (y < radius || y > size - radius) {
                        dy = -dy;
                        y = Math.max(radius, Math.min(size - radius, y));
                    }
                }
            }
            captions.add(COLOURS[colour] + " " + SHAPES[shape] + " moving " + DIRECTIONS[direction]
                    + (bounce ? " bouncing" : ""));
        }
        return new ClipCollection(Nd4j.create(data, new long[] {clips, (long) frames * frameSize}, DataType.FLOAT),
                captions, frames, 3, size, size);
    }

    /** The background colour of every clip, per channel. */
    public static float[] background() {
        return BACKGROUND.clone();
    }

    /** The colour name whose RGB is nearest {@code rgb} (pixel values in [-1, 1]). */
    public static String nearestColour(double[] rgb) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int i = 0; i < RGB.length; i++) {
            double d = 0;
            for (int c = 0; c < 3; c++) {
                d += (rgb[c] - RGB[i][c]) * (rgb[c] - RGB[i][c]);
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return COLOURS[best];
    }

    private static void draw(float[] data, int offset, int size, String shape, float[] rgb, double cx, double cy,
                             double r) {
        int plane = size * size;
        for (int py = 0; py < size; py++) {
            for (int px = 0; px < size; px++) {
                double ux = px + 0.5 - cx;
                double uy = py + 0.5 - cy;
                boolean inside = switch (shape) {
                    case "square" -> Math.abs(ux) <= r * 0.85 && Math.abs(uy) <= r * 0.85;
                    case "ring" -> {
                        double d = Math.hypot(ux, uy);
                        yield d <= r && d >= r * 0.55;
                    }
                    default -> Math.hypot(ux, uy) <= r;
                };
                for (int ch = 0; ch < 3; ch++) {
                    data[offset + ch * plane + py * size + px] = inside ? rgb[ch] : BACKGROUND[ch];
                }
            }
        }
    }
}
