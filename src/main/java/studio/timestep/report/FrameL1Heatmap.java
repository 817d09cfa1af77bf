package studio.timestep.report;

import java.util.Arrays;
import java.util.List;
import studio.timestep.plan.PlanHeatmap;
import studio.timestep.sampling.RowMetrics;

/**
 * Rasterises a run's per-frame L1 (frames across, rows down) for display: each pixel the value
 * of the cell under its centre over the run's largest value, in the plan heatmap's colours; cells
 * with no value (frames not seen, the first row) grey, rows not run yet white. One lookup per
 * pixel, so a redraw costs the same however many rows a run has.
 */
public final class FrameL1Heatmap {
    public static final int NO_VALUE = 0xFFDDDDDD;
    public static final int NOT_RUN = 0xFFFFFFFF;

    private FrameL1Heatmap() {
    }

    /** The largest finite value of the signal over the rows (0 when there is none). */
    public static double max(List<RowMetrics> rows, String signal) {
        double max = 0;
        for (RowMetrics r : rows) {
            for (double v : r.signalPerFrame(signal)) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        return max;
    }

    /** Fills {@code argb} (width × height, row-major) with the rows done of a run of {@code rows.get(0).rows()} rows. */
    public static void render(List<RowMetrics> rows, String signal, int width, int height, int[] argb) {
        Arrays.fill(argb, 0, width * height, NOT_RUN);
        if (rows.isEmpty()) {
            return;
        }
        double max = max(rows, signal);
        int frames = rows.get(0).sigmas().length;
        int total = rows.get(0).rows();
        for (int y = 0; y < height; y++) {
            int row = (int) ((y + 0.5) * total / height);
            if (row >= rows.size()) {
                break;
            }
            double[] values = rows.get(row).signalPerFrame(signal);
            for (int x = 0; x < width; x++) {
                double v = values[(int) ((x + 0.5) * frames / width)];
                argb[y * width + x] = !Double.isFinite(v) || max == 0 ? NO_VALUE : PlanHeatmap.color(v / max);
            }
        }
    }
}
