package studio.timestep.schedule;

/**
 * Everything the curve charts and the sigma table show for one curve, computed once per edit.
 * For a shift curve, {@code u}/{@code g}/{@code slope} sample g on [0,1]; a schedule defined per
 * step has no g, so {@code u}/{@code g} hold its grid as (1 - i/N, σ_i) and {@code slope} is empty.
 * {@code stepFraction} holds i/N for i = 0..N (the sigmas' x); the per-step series use its first N.
 */
public record CurvePlotData(SigmaGrid grid, double[] u, double[] g, double[] slope,
                            double[] stepFraction, double[] reversedTimesteps, double[] stepSizes) {
    /** Samples of g(u) drawn per curve: smooth at chart size, cheap to recompute on every drag. */
    public static final int CURVE_SAMPLES = 201;

    public static CurvePlotData of(CurveSetup setup) {
        SigmaGrid grid = setup.grid();
        int n = grid.steps();
        double[] u;
        double[] g;
        double[] slope;
        if (setup.schedule() instanceof ShiftCurve curve) {
            u = new double[CURVE_SAMPLES];
            g = new double[CURVE_SAMPLES];
            slope = new double[CURVE_SAMPLES];
            for (int i = 0; i < CURVE_SAMPLES; i++) {
                u[i] = i / (double) (CURVE_SAMPLES - 1);
                g[i] = curve.apply(u[i]);
                slope[i] = curve.slope(u[i]);
            }
        } else {
            u = new double[n + 1];
            g = grid.sigmas();
            slope = new double[0];
            for (int i = 0; i <= n; i++) {
                u[i] = 1 - i / (double) n;
            }
        }
        double[] stepFraction = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            stepFraction[i] = i / (double) n;
        }
        return new CurvePlotData(grid, u, g, slope, stepFraction, grid.reversedTimesteps(), grid.stepSizes());
    }
}
