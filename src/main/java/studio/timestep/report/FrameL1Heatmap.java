package studio.timestep.report;

import java.util.Arrays;
import java.util.List;
import studio.timestep.plan.PlanHeatmap;
import studio.timestep.sampling.RowMetrics;

/**
 * Rasterises a run's per-frame L1 (frames across, rows down) for display: each pixel the value
 * of the cell under its centre, placed on a linear or logarithmic scale and coloured as the plan
 * heatmap is (viridis); cells with no value (frames not seen, the first row) grey, rows not run
 * yet white. One lookup per pixel, so a redraw costs the same however many rows a run has.
 */
public final class FrameL1Heatmap {
    public static final int NO_VALUE = 0xFFDDDDDD;
    public static final int NOT_RUN = 0xFFFFFFFF;
    /** A logarithmic scale spans at most this many decades below the largest value. */
    static final double LOG_DECADES = 4;

    private FrameL1Heatmap() {
    }

    /** Where values sit between 0 and 1 on the colour map. */
    public record Scale(double min, double max, boolean log) {
        /** The position of {@code v} in [0, 1] (clamped), NaN for a value the scale cannot place. */
        public double position(double v) {
            if (!Double.isFinite(v) || max <= 0) {
                return Double.NaN;
            }
            if (log) {
                return v <= 0 ? 0 : clamp((Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)));
            }
            return clamp(v / max);
        }

        /** The value at position {@code t} in [0, 1]. */
        public double value(double t) {
            return log ? Math.pow(10, Math.log10(min) + t * (Math.log10(max) - Math.log10(min))) : t * max;
        }

        private static double clamp(double t) {
            return Math.max(0, Math.min(1, t));
        }
    }

    /** The scale of a run's values: 0 (or, logarithmic, the smallest positive value within LOG_DECADES) to the largest. */
    public static Scale scale(List<RowMetrics> rows, String signal, boolean log) {
        double max = 0;
        double minPositive = Double.POSITIVE_INFINITY;
        for (RowMetrics r : rows) {
            for (double v : r.signalPerFrame(signal)) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                    if (v > 0) {
                        minPositive = Math.min(minPositive, v);
                    }
                }
            }
        }
        double min = log ? Math.max(minPositive == Double.POSITIVE_INFINITY ? max : minPositive,
                max * Math.pow(10, -LOG_DECADES)) : 0;
        return new Scale(min, max, log && max > 0 && min < max);
    }

    /** Frames of a run's per-frame values (0 for an imported run, which has none). */
    public static int frames(List<RowMetrics> rows) {
        return rows.isEmpty() ? 0 : rows.get(0).signalPerFrame("latent").length;
    }

    /** Fills {@code argb} (width × height, row-major) with the rows done of a run of {@code rows.get(0).rows()} rows. */
    public static void render(List<RowMetrics> rows, String signal, Scale scale, int width, int height, int[] argb) {
        Arrays.fill(argb, 0, width * height, NOT_RUN);
        int frames = frames(rows);
        if (frames == 0) {
            return;
        }
        int total = rows.get(0).rows();
        for (int y = 0; y < height; y++) {
            int row = (int) ((y + 0.5) * total / height);
            if (row >= rows.size()) {
                break;
            }
            double[] values = rows.get(row).signalPerFrame(signal);
            for (int x = 0; x < width; x++) {
                double t = scale.position(values[(int) ((x + 0.5) * frames / width)]);
                argb[y * width + x] = Double.isNaN(t) ? NO_VALUE : PlanHeatmap.color(t);
            }
        }
    }
}
