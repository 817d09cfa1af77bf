package studio.timestep.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultIntervalXYDataset;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.XYDataset;
import studio.timestep.param.ParameterRange;
import studio.timestep.schedule.CurvePlotData;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.CurveWorkspace;
import studio.timestep.schedule.DrawnShiftCurve;
import studio.timestep.schedule.ExpertBoundary;

/**
 * The five curve charts: g(u) with the identity, g'(u), σ per step, 1000 - timestep vs step/N and
 * Δσ per step. Each visible curve is one series in its palette colour; the charts only display
 * what {@link CurvePlotData} computed.
 */
final class CurveChartsView {
    private static final Font TITLE_FONT = new Font("SansSerif", Font.BOLD, 13);
    private static final Font LABEL_FONT = new Font("SansSerif", Font.PLAIN, 12);

    final ChartViewer curve = viewer(chart("Shift curve g(u)", "u (base sigma)", "σ = g(u)", true));
    final ChartViewer slope = viewer(chart("Slope g'(u)", "u", "g'(u)", false));
    final ChartViewer sigmas = viewer(chart("σ per step", "step / N", "σ", false));
    final ChartViewer timesteps = viewer(chart("1000 − timestep vs step/N", "step / N", "1000 − timestep", false));
    final ChartViewer stepSizes = viewer(barChart());

    /** A series key: the curve's index orders the series, its name labels the legend. */
    record SeriesKey(int index, String name) implements Comparable<SeriesKey> {
        @Override
        public int compareTo(SeriesKey o) {
            return Integer.compare(index, o.index);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    List<ChartViewer> all() {
        return List.of(curve, slope, sigmas, timesteps, stepSizes);
    }

    void show(CurveWorkspace workspace, int selected) {
        DefaultXYDataset g = new DefaultXYDataset();
        DefaultXYDataset dg = new DefaultXYDataset();
        DefaultXYDataset s = new DefaultXYDataset();
        DefaultXYDataset t = new DefaultXYDataset();
        DefaultIntervalXYDataset bars = new DefaultIntervalXYDataset();
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < workspace.size(); i++) {
            CurveSetup setup = workspace.get(i);
            if (!setup.visible()) {
                continue;
            }
            shown.add(i);
            CurvePlotData d = CurvePlotData.of(setup);
            SeriesKey key = new SeriesKey(i, setup.name());
            int n = d.grid().steps();
            g.addSeries(key, new double[][] {d.u(), d.g()});
            if (d.slope().length > 0) {
                dg.addSeries(key, new double[][] {d.u(), d.slope()});
            }
            s.addSeries(key, new double[][] {d.stepFraction(), d.grid().sigmas()});
            double[] x = Arrays.copyOf(d.stepFraction(), n);
            t.addSeries(key, new double[][] {x, d.reversedTimesteps()});
            double[] xEnd = Arrays.copyOfRange(d.stepFraction(), 1, n + 1);
            bars.addSeries(key, new double[][] {x, x, xEnd, d.stepSizes(), d.stepSizes(), d.stepSizes()});
        }
        set(curve, 0, g, shown);
        set(slope, 0, dg, seriesIndices(dg));
        set(sigmas, 0, s, shown);
        set(timesteps, 0, t, shown);
        set(stepSizes, 0, bars, shown);
        mark(sigmas, workspace.boundary() == null ? Double.NaN : workspace.boundary().value(), workspace.boundary());
        mark(timesteps, workspace.boundary() == null ? Double.NaN : 1000 * (1 - workspace.boundary().value()),
                workspace.boundary());
        curve.getChart().getXYPlot().setDataset(1, controlPoints(workspace, selected));
        curve.getChart().getXYPlot().getRenderer(1).setSeriesPaint(0, CurvePalette.awt(Math.max(selected, 0)));
    }

    /** Wan2.2's boundary as a line across the chart at {@code y} (none when there is no boundary). */
    private static void mark(ChartViewer viewer, double y, ExpertBoundary boundary) {
        XYPlot plot = viewer.getChart().getXYPlot();
        plot.clearRangeMarkers();
        if (boundary != null) {
            ValueMarker m = new ValueMarker(y, new Color(200, 60, 60), new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            m.setLabel("expert boundary " + ParameterRange.format(boundary.value()));
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(m);
        }
    }

    private static List<Integer> seriesIndices(DefaultXYDataset d) {
        List<Integer> indices = new ArrayList<>();
        for (int k = 0; k < d.getSeriesCount(); k++) {
            indices.add(((SeriesKey) d.getSeriesKey(k)).index());
        }
        return indices;
    }

    private static DefaultXYDataset controlPoints(CurveWorkspace w, int selected) {
        DefaultXYDataset points = new DefaultXYDataset();
        if (selected >= 0 && selected < w.size() && w.get(selected).visible()
                && w.get(selected).schedule() instanceof DrawnShiftCurve drawn) {
            double[] x = new double[drawn.size()];
            double[] y = new double[drawn.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = drawn.x(i);
                y[i] = drawn.y(i);
            }
            points.addSeries("control points", new double[][] {x, y});
        }
        return points;
    }

    /** Sets a dataset and colours each series by the index of the curve it shows. */
    private static void set(ChartViewer viewer, int datasetIndex, XYDataset data,
                            List<Integer> curveIndices) {
        XYPlot plot = viewer.getChart().getXYPlot();
        for (int k = 0; k < curveIndices.size(); k++) {
            plot.getRenderer(datasetIndex).setSeriesPaint(k, CurvePalette.awt(curveIndices.get(k)));
        }
        plot.setDataset(datasetIndex, data);
    }

    private static ChartViewer viewer(JFreeChart chart) {
        ChartViewer v = new ChartViewer(chart);
        v.setMinSize(200, 160);
        v.setPrefSize(380, 300);
        return v;
    }

    private static JFreeChart chart(String title, String x, String y, boolean legend) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, new DefaultXYDataset(),
                PlotOrientation.VERTICAL, legend, true, false);
        XYPlot plot = style(chart);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        lines.setDefaultStroke(new BasicStroke(2f));
        lines.setAutoPopulateSeriesStroke(false);
        plot.setRenderer(0, lines);
        if (legend) {
            XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
            points.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
            points.setDefaultSeriesVisibleInLegend(false);
            plot.setRenderer(1, points);
            DefaultXYDataset identity = new DefaultXYDataset();
            identity.addSeries("identity", new double[][] {{0, 1}, {0, 1}});
            XYLineAndShapeRenderer dashed = new XYLineAndShapeRenderer(true, false);
            dashed.setSeriesPaint(0, Color.GRAY);
            dashed.setSeriesStroke(0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {5f, 4f}, 0f));
            plot.setDataset(2, identity);
            plot.setRenderer(2, dashed);
            ((NumberAxis) plot.getRangeAxis()).setRange(0, 1.0);
            ((NumberAxis) plot.getDomainAxis()).setRange(0, 1.0);
            LegendTitle l = chart.getLegend();
            l.setPosition(RectangleEdge.BOTTOM);
            l.setItemFont(LABEL_FONT);
        }
        if (title.startsWith("σ")) {
            XYLineAndShapeRenderer marked = new XYLineAndShapeRenderer(true, true);
            marked.setDefaultShape(new Ellipse2D.Double(-2.5, -2.5, 5, 5));
            marked.setAutoPopulateSeriesShape(false);
            plot.setRenderer(0, marked);
        }
        return chart;
    }

    private static JFreeChart barChart() {
        JFreeChart chart = ChartFactory.createXYBarChart("Δσ per step", "step / N", false, "Δσ",
                new DefaultIntervalXYDataset(), PlotOrientation.VERTICAL, false, true, false);
        XYPlot plot = style(chart);
        XYBarRenderer bars = new XYBarRenderer();
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setMargin(0.1);
        plot.setRenderer(bars);
        plot.setForegroundAlpha(0.6f);
        return chart;
    }

    /** The workspace's chart look: white plot, light grid, no outline (shared with the dialogs' charts). */
    static XYPlot style(JFreeChart chart) {
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE_FONT);
        }
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        plot.getDomainAxis().setLabelFont(LABEL_FONT);
        plot.getRangeAxis().setLabelFont(LABEL_FONT);
        plot.setOutlineVisible(false);
        return plot;
    }
}
