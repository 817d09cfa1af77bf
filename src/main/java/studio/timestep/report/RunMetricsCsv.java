package studio.timestep.report;

import java.util.List;
import java.util.Map;
import studio.timestep.sampling.RowMetrics;

/**
 * Metrics as CSV: row, timestep, latent_l1, cond_l1, guided_l1, and the step cache's
 * cache_signal, cache_acc and skipped (empty and false in a run without one); a sweep
 * puts each run's settings in front as extra columns. NaN (no previous value) is written empty.
 */
public final class RunMetricsCsv {
    public static final String HEADER = "row,timestep,latent_l1,cond_l1,guided_l1,cache_signal,cache_acc,skipped";

    private RunMetricsCsv() {
    }

    public static String of(List<RowMetrics> rows) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        rows.forEach(r -> line(out, r));
        return out.toString();
    }

    /** Several runs, each row prefixed by its settings (same keys, in order, for every run). */
    public static String sweep(List<Map<String, String>> settings, List<List<RowMetrics>> runs) {
        StringBuilder out = new StringBuilder();
        if (!settings.isEmpty()) {
            out.append(String.join(",", settings.get(0).keySet())).append(',');
        }
        out.append(HEADER).append('\n');
        for (int i = 0; i < runs.size(); i++) {
            String prefix = String.join(",", settings.get(i).values()) + ",";
            for (RowMetrics r : runs.get(i)) {
                out.append(prefix);
                line(out, r);
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, RowMetrics r) {
        out.append(r.row()).append(',').append(num(r.timestep())).append(',').append(num(r.latentL1())).append(',')
                .append(num(r.condL1())).append(',').append(num(r.guidedL1())).append(',')
                .append(num(r.cacheSignal())).append(',').append(num(r.cacheAccumulated())).append(',').append(r.cacheSkipped()).append('\n');
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
