package studio.timestep.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import studio.timestep.model.Poly1d;

/** A TeaCache calibration: the (signal, output change) points of the runs and the fitted polynomial over their range, with R². */
public final class CalibrationFigure implements Figure {
    private final List<double[]> points;
    private final Poly1d fit;
    private final double r2;
    private final String signal;

    public CalibrationFigure(List<double[]> points, Poly1d fit, double r2, String signal) {
        this.points = List.copyOf(points);
        this.fit = fit;
        this.r2 = r2;
        this.signal = signal;
    }

    @Override
    public void draw(Graphics2D g, int width, int height) {
        XYSeries observed = new XYSeries("calls (x, y)", false, true);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            observed.add(p[0], p[1]);
            lo = Math.min(lo, p[0]);
            hi = Math.max(hi, p[0]);
        }
        XYSeries curve = new XYSeries(String.format(Locale.ROOT, "degree-4 fit, R² = %.3f", r2), true, true);
        for (int i = 0; i <= 200 && hi > lo; i++) {
            double x = lo + (hi - lo) * i / 200;
            curve.add(x, fit.apply(x));
        }
        XYSeriesCollection data = new XYSeriesCollection(observed);
        data.addSeries(curve);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesLinesVisible(0, false);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
        renderer.setSeriesPaint(0, new Color(31, 119, 180, 140));
        renderer.setSeriesShapesVisible(1, false);
        renderer.setSeriesPaint(1, new Color(0xd62728));
        renderer.setSeriesStroke(1, new BasicStroke(2.5f));
        NumberAxis x = new NumberAxis("signal: relative L1 change of " + signal + " between a branch's calls");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("relative L1 change of the transformer's output");
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart("TeaCache calibration", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    }
}
