package studio.timestep.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.timestep.param.InvalidParameterException;

/**
 * A curve drawn through control points, interpolated by monotone piecewise-cubic Hermite
 * interpolation (Fritsch–Carlson slopes as in scipy's {@code PchipInterpolator}): the curve
 * never overshoots its points, so it stays monotone. (0,0) and (1,1) are always the ends.
 * Edits return a new curve and keep x strictly increasing and y non-decreasing.
 */
public final class DrawnShiftCurve implements ShiftCurve {
    public static final String TYPE = "drawn";
    public static final int MAX_POINTS = 64;
    /** Smallest gap kept between the x of neighbouring points. */
    public static final double MIN_GAP = 1e-3;

    private final double[] xs;
    private final double[] ys;
    private final double[] slopes;

    /** The straight line from (0,0) to (1,1). */
    public static DrawnShiftCurve identity() {
        return new DrawnShiftCurve(new double[] {0, 1}, new double[] {0, 1});
    }

    /**
     * @param xs all x, from 0 to 1, strictly increasing
     * @param ys all y, from 0 to 1, non-decreasing
     */
    public DrawnShiftCurve(double[] xs, double[] ys) {
        if (xs.length != ys.length) {
            throw new InvalidParameterException("points", "each point needs an x and a y");
        }
        if (xs.length < 2 || xs.length > MAX_POINTS) {
            throw new InvalidParameterException("points", "must have 2 to " + MAX_POINTS + " points, got " + xs.length);
        }
        if (xs[0] != 0 || ys[0] != 0 || xs[xs.length - 1] != 1 || ys[ys.length - 1] != 1) {
            throw new InvalidParameterException("points", "must start at (0, 0) and end at (1, 1)");
        }
        for (int i = 1; i < xs.length; i++) {
            if (!(xs[i] > xs[i - 1])) {
                throw new InvalidParameterException("points", "x must increase: point " + i + " has x = "
                        + xs[i] + " after " + xs[i - 1]);
            }
            if (!(ys[i] >= ys[i - 1])) {
                throw new InvalidParameterException("points", "y must not fall: point " + i + " has y = "
                        + ys[i] + " after " + ys[i - 1]);
            }
        }
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.slopes = pchipSlopes(this.xs, this.ys);
    }

    /** Builds a curve from points, adding (0,0) and (1,1) when they are not given. */
    public static DrawnShiftCurve through(List<double[]> points) {
        List<double[]> all = new ArrayList<>(points);
        if (all.isEmpty() || all.get(0)[0] != 0) {
            all.add(0, new double[] {0, 0});
        }
        if (all.get(all.size() - 1)[0] != 1) {
            all.add(new double[] {1, 1});
        }
        double[] x = new double[all.size()];
        double[] y = new double[all.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = all.get(i)[0];
            y[i] = all.get(i)[1];
        }
        return new DrawnShiftCurve(x, y);
    }

    public int size() {
        return xs.length;
    }

    public double x(int i) {
        return xs[i];
    }

    public double y(int i) {
        return ys[i];
    }

    /** Whether point i is one of the fixed ends. */
    public boolean isEnd(int i) {
        return i == 0 || i == xs.length - 1;
    }

    /**
     * Moves an inner point towards (x, y), clamped so x stays between its neighbours (with
     * {@link #MIN_GAP}) and y between theirs. The ends do not move.
     */
    public DrawnShiftCurve withPointMoved(int i, double x, double y) {
        if (isEnd(i)) {
            return this;
        }
        double[] nx = xs.clone();
        double[] ny = ys.clone();
        double lo = xs[i - 1] + MIN_GAP;
        double hi = xs[i + 1] - MIN_GAP;
        nx[i] = lo <= hi ? clamp(x, lo, hi) : xs[i];
        ny[i] = clamp(y, ys[i - 1], ys[i + 1]);
        return new DrawnShiftCurve(nx, ny);
    }

    /**
     * Adds a point at x with y clamped between its neighbours; returns this curve unchanged
     * when x is too close to an existing point or the curve is full.
     */
    public DrawnShiftCurve withPointAdded(double x, double y) {
        if (xs.length >= MAX_POINTS || !(x > MIN_GAP && x < 1 - MIN_GAP)) {
            return this;
        }
        int at = insertionIndex(x);
        if (x - xs[at - 1] < MIN_GAP || xs[at] - x < MIN_GAP) {
            return this;
        }
        double[] nx = new double[xs.length + 1];
        double[] ny = new double[xs.length + 1];
        System.arraycopy(xs, 0, nx, 0, at);
        System.arraycopy(ys, 0, ny, 0, at);
        nx[at] = x;
        ny[at] = clamp(y, ys[at - 1], ys[at]);
        System.arraycopy(xs, at, nx, at + 1, xs.length - at);
        System.arraycopy(ys, at, ny, at + 1, ys.length - at);
        return new DrawnShiftCurve(nx, ny);
    }

    /** Removes an inner point; the ends stay. */
    public DrawnShiftCurve withPointRemoved(int i) {
        if (isEnd(i)) {
            return this;
        }
        double[] nx = new double[xs.length - 1];
        double[] ny = new double[xs.length - 1];
        for (int j = 0, k = 0; j < xs.length; j++) {
            if (j != i) {
                nx[k] = xs[j];
                ny[k++] = ys[j];
            }
        }
        return new DrawnShiftCurve(nx, ny);
    }

    /** The index of the point nearest to (x, y) within the distance, or -1. */
    public int pointNear(double x, double y, double distance) {
        int best = -1;
        double bestD = distance;
        for (int i = 0; i < xs.length; i++) {
            double d = Math.hypot(xs[i] - x, ys[i] - y);
            if (d <= bestD) {
                best = i;
                bestD = d;
            }
        }
        return best;
    }

    @Override
    public double apply(double u) {
        if (u <= 0) {
            return 0;
        }
        if (u >= 1) {
            return 1;
        }
        int k = insertionIndex(u) - 1;
        double h = xs[k + 1] - xs[k];
        double t = (u - xs[k]) / h;
        double t2 = t * t;
        double t3 = t2 * t;
        double h00 = 2 * t3 - 3 * t2 + 1;
        double h10 = t3 - 2 * t2 + t;
        double h01 = -2 * t3 + 3 * t2;
        double h11 = t3 - t2;
        double g = h00 * ys[k] + h10 * h * slopes[k] + h01 * ys[k + 1] + h11 * h * slopes[k + 1];
        return clamp(g, ys[k], ys[k + 1]);
    }

    /** First index whose x is greater than u (1 ≤ index ≤ size-1 for u in (0,1)). */
    private int insertionIndex(double u) {
        int i = Arrays.binarySearch(xs, u);
        int at = i >= 0 ? i + 1 : -i - 1;
        return Math.max(1, Math.min(at, xs.length - 1));
    }

    /** Fritsch–Carlson slopes: weighted harmonic means inside, shape-preserving three-point ends. */
    private static double[] pchipSlopes(double[] x, double[] y) {
        int n = x.length;
        double[] d = new double[n];
        double[] h = new double[n - 1];
        double[] delta = new double[n - 1];
        for (int k = 0; k < n - 1; k++) {
            h[k] = x[k + 1] - x[k];
            delta[k] = (y[k + 1] - y[k]) / h[k];
        }
        if (n == 2) {
            d[0] = delta[0];
            d[1] = delta[0];
            return d;
        }
        for (int k = 1; k < n - 1; k++) {
            if (delta[k - 1] == 0 || delta[k] == 0 || Math.signum(delta[k - 1]) != Math.signum(delta[k])) {
                d[k] = 0;
            } else {
                double w1 = 2 * h[k] + h[k - 1];
                double w2 = h[k] + 2 * h[k - 1];
                d[k] = (w1 + w2) / (w1 / delta[k - 1] + w2 / delta[k]);
            }
        }
        d[0] = endSlope(h[0], h[1], delta[0], delta[1]);
        d[n - 1] = endSlope(h[n - 2], h[n - 3], delta[n - 2], delta[n - 3]);
        return d;
    }

    private static double endSlope(double h0, double h1, double m0, double m1) {
        double d = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1);
        if (Math.signum(d) != Math.signum(m0)) {
            return 0;
        }
        if (Math.signum(m0) != Math.signum(m1) && Math.abs(d) > 3 * Math.abs(m0)) {
            return 3 * m0;
        }
        return d;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @Override
    public String label() {
        return "drawn (" + xs.length + " points)";
    }

    @Override
    public Map<String, Object> describe() {
        List<List<Double>> points = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            points.add(List.of(xs[i], ys[i]));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", TYPE);
        d.put("points", points);
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DrawnShiftCurve c && Arrays.equals(xs, c.xs) && Arrays.equals(ys, c.ys);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(xs) + Arrays.hashCode(ys);
    }

    @Override
    public String toString() {
        return label();
    }
}
