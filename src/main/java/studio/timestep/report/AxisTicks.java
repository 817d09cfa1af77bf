package studio.timestep.report;

/** Tick positions for a grid of cells numbered by whole numbers (frames, rows), at a round spacing. */
public final class AxisTicks {
    private static final int MOST = 200;

    private AxisTicks() {
    }

    /**
     * The cell numbers in [{@code start}, {@code start + span − 1}] at a spacing of 1, 2 or 5 × 10ⁿ
     * (at least 1) so that about {@code count} fit.
     */
    public static int[] wholeNumbers(double start, double span, double count) {
        double raw = span / Math.max(1, count);
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1))));
        double spacing = 10 * magnitude;
        for (double m : new double[] {1, 2, 5}) {
            if (m * magnitude >= raw) {
                spacing = m * magnitude;
                break;
            }
        }
        double first = Math.ceil(start / spacing) * spacing;
        int n = (int) Math.max(0, Math.floor((start + span - 1 - first) / spacing) + 1);
        int[] t = new int[Math.min(n, MOST)];
        for (int i = 0; i < t.length; i++) {
            t[i] = (int) (first + i * spacing);
        }
        return t;
    }
}
