package studio.timestep.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.XYItemLabelGenerator;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import studio.timestep.param.ParameterRange;

/**
 * A cache's threshold sweep: the final latent error against the speed-up in model calls
 * (calls without the cache / calls computed), one point per threshold, labelled with it — the
 * cliff users meet shows as the error rising steeply past some speed-up — beside the errors of
 * two schedules that make as many calls without a cache (seed 001: a cache acts like a schedule).
 */
public final class CacheSweepFigure implements Figure {
    /**
     * One threshold's result: the cache's error, and at as many model calls its equivalent schedule's
     * (the computed rows alone) and the best flow-shift schedule's.
     */
    public record Point(double threshold, double callSpeedup, double latentError, double equivalentError, double flowShiftError) {
    }

    private final String title;
    private final List<Point> points;

    public CacheSweepFigure(String title, List<Point> points) {
        this.title = title;
        this.points = List.copyOf(points);
    }

    public List<Point> points() {
        return points;
    }

    @Override
    public void draw(Graphics2D g, int width, int height) {
        XYSeries cache = new XYSeries("the cache", false, true);
        XYSeries equivalent = new XYSeries("its equivalent schedule (the computed rows, no cache)", false, true);
        XYSeries flowShift = new XYSeries("best flow shift, as many steps", false, true);
        for (Point p : points) {
            cache.add(p.callSpeedup(), p.latentError());
            equivalent.add(p.callSpeedup(), p.equivalentError());
            flowShift.add(p.callSpeedup(), p.flowShiftError());
        }
        XYSeriesCollection data = new XYSeriesCollection(cache);
        // the window's sweep has no schedule runs: their series are left out rather than drawn empty
        if (points.stream().anyMatch(p -> !Double.isNaN(p.equivalentError()))) {
            data.addSeries(equivalent);
            data.addSeries(flowShift);
        }
        NumberAxis x = new NumberAxis("speed-up in model calls (calls without the cache / calls computed)");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("final latent error Σ|x − x_ref| / Σ|x_ref|");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Color[] colours = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};
        for (int i = 0; i < colours.length; i++) {
            renderer.setSeriesPaint(i, colours[i]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        // the thresholds label the cache's points
        XYItemLabelGenerator label = (dataset, s, item) -> s == 0 ? ParameterRange.format(points.get(item).threshold()) : null;
        renderer.setDefaultItemLabelGenerator(label);
        renderer.setSeriesItemLabelsVisible(0, true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    }
}
