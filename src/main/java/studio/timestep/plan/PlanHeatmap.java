package studio.timestep.plan;

import java.util.Arrays;

/**
 * Rasterises a plan's levels for display: a viewport of rows × frames mapped to a pixel grid,
 * each pixel the level of the cell under its centre, coloured by a perceptual colormap
 * (viridis: 0 dark purple, 1 yellow). Levels outside [0,1] are magenta. One array lookup per
 * pixel, so the cost follows the window's size, not the plan's.
 */
public final class PlanHeatmap {
    /** Pixels outside the plan. */
    public static final int BACKGROUND = 0xFFF4F4F4;
    public static final int OUT_OF_RANGE = 0xFFFF00FF;
    private static final int[] LUT = viridis();

    private PlanHeatmap() {
    }

    /** The colour of a level, as the heatmap and its legend show it. */
    public static int color(double level) {
        if (!(level >= 0 && level <= 1)) {
            return OUT_OF_RANGE;
        }
        return LUT[(int) Math.round(level * 255)];
    }

    /**
     * Fills {@code argb} (width × height, row-major) with the cells of frames
     * [frame0, frame0 + frameSpan) and rows [row0, row0 + rowSpan).
     */
    public static void render(TimestepPlan plan, double row0, double rowSpan, double frame0, double frameSpan,
                              int width, int height, int[] argb) {
        int[] frameAt = new int[width];
        for (int x = 0; x < width; x++) {
            double f = frame0 + (x + 0.5) * frameSpan / width;
            frameAt[x] = f < 0 || f >= plan.frames() ? -1 : (int) f;
        }
        for (int y = 0; y < height; y++) {
            double r = row0 + (y + 0.5) * rowSpan / height;
            int offset = y * width;
            if (r < 0 || r >= plan.rows()) {
                Arrays.fill(argb, offset, offset + width, BACKGROUND);
                continue;
            }
            int row = (int) r;
            for (int x = 0; x < width; x++) {
                int f = frameAt[x];
                argb[offset + x] = f < 0 ? BACKGROUND : color(plan.sigma(row, f));
            }
        }
    }

    private static int[] viridis() {
        int[][] anchors = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) {
            double t = i / 255.0 * (anchors.length - 1);
            int k = Math.min((int) t, anchors.length - 2);
            double w = t - k;
            int r = (int) Math.round(anchors[k][0] * (1 - w) + anchors[k + 1][0] * w);
            int g = (int) Math.round(anchors[k][1] * (1 - w) + anchors[k + 1][1] * w);
            int b = (int) Math.round(anchors[k][2] * (1 - w) + anchors[k + 1][2] * w);
            lut[i] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return lut;
    }
}
