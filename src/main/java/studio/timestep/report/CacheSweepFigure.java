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
 * cliff users meet shows as the error rising steeply past some speed-up.
 */
public final class CacheSweepFigure implements Figure {
    /** One threshold's result. */
    public record Point(double threshold, double callSpeedup, double latentError) {
    }

    private final String title;
    private final List<Point> points;

    public CacheSweepFigure(String title, List<Point> points) {
        this.title = title;
        this.points = List.copyOf(points);
    }

    @Override
    public void draw(Graphics2D g, int width, int height) {
        XYSeries series = new XYSeries("error", false, true);
        for (Point p : points) {
            series.add(p.callSpeedup(), p.latentError());
        }
        NumberAxis x = new NumberAxis("speed-up in model calls (calls without the cache / calls computed)");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("final latent error Σ|x − x_ref| / Σ|x_ref|");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        XYItemLabelGenerator label = (dataset, s, item) -> ParameterRange.format(points.get(item).threshold());
        renderer.setDefaultItemLabelGenerator(label);
        renderer.setDefaultItemLabelsVisible(true);
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    }
}
