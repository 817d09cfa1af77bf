package studio.timestep.model.wan;

import java.util.List;
import org.apache.commons.math3.fitting.PolynomialCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoints;
import studio.timestep.model.Poly1d;

/**
 * TeaCache's rescale polynomial fitted as its authors fit it (ali-vilab/TeaCache#2:
 * {@code np.polyfit(x, y, 4)}, least squares), here by commons-math's polynomial fitter; the
 * coefficients come out highest power first, as numpy gives them and TeaCache's scripts list them.
 */
public final class WanTeaCacheFit {
    public static final int DEGREE = 4;

    /** The polynomial, its R² on the points, and the point count. */
    public record Result(Poly1d polynomial, double r2, int points) {
    }

    private WanTeaCacheFit() {
    }

    public static Result fit(List<double[]> points) {
        if (points.size() <= DEGREE) {
            throw new IllegalArgumentException("a degree-" + DEGREE + " fit needs more than " + DEGREE + " points, got " + points.size());
        }
        WeightedObservedPoints observed = new WeightedObservedPoints();
        for (double[] p : points) {
            observed.add(p[0], p[1]);
        }
        double[] lowestFirst = PolynomialCurveFitter.create(DEGREE).fit(observed.toList());
        double[] highestFirst = new double[lowestFirst.length];
        for (int i = 0; i < lowestFirst.length; i++) {
            highestFirst[i] = lowestFirst[lowestFirst.length - 1 - i];
        }
        Poly1d poly = new Poly1d(highestFirst);
        double mean = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double residual = 0;
        double total = 0;
        for (double[] p : points) {
            residual += Math.pow(p[1] - poly.apply(p[0]), 2);
            total += Math.pow(p[1] - mean, 2);
        }
        return new Result(poly, total == 0 ? Double.NaN : 1 - residual / total, points.size());
    }
}
