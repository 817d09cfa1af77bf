package studio.timestep.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import studio.timestep.sampling.RowMetrics;

/**
 * The seeds' three panels for one L1 signal, one series per run: L1 vs step/N, L1 vs
 * 1000 − timestep, and 1000 − timestep vs step/N. The datasets are kept so a window can append
 * rows as a run goes; the same charts are written to PNG by the command line.
 */
public final class L1Charts implements Figure {
    public static final List<String> SIGNALS = List.of("latent", "cond", "guided");

    private final XYSeriesCollection byStep = new XYSeriesCollection();
    private final XYSeriesCollection byTimestep = new XYSeriesCollection();
    private final XYSeriesCollection timestepByStep = new XYSeriesCollection();
    private final List<JFreeChart> charts;
    /** Each series' label, shown in the legends (the datasets key series by index, so labels can change). */
    private final List<String> labels = new ArrayList<>();
    private String signal;

    public L1Charts(String signal) {
        this.signal = signal;
        this.charts = List.of(chart("L1 vs step/N", "step / N", "relative L1", byStep),
                chart("L1 vs 1000 − timestep", "1000 − timestep", "relative L1", byTimestep),
                chart("1000 − timestep vs step/N", "step / N", "1000 − timestep", timestepByStep));
        setSignal(signal);
    }

    public List<JFreeChart> charts() {
        return charts;
    }

    public String signal() {
        return signal;
    }

    /** Switches the L1 signal shown; existing series are redrawn from {@code runs}. */
    public void setSignal(String name) {
        this.signal = name;
        charts.get(0).getXYPlot().getRangeAxis().setLabel(name + " L1");
        charts.get(1).getXYPlot().getRangeAxis().setLabel(name + " L1");
    }

    /** Starts a series for a new run; returns its index for {@link #add}. */
    public int start(String label) {
        int index = byStep.getSeriesCount();
        String key = Integer.toString(index);
        labels.add(label);
        byStep.addSeries(new XYSeries(key, false));
        byTimestep.addSeries(new XYSeries(key, false));
        timestepByStep.addSeries(new XYSeries(key, false));
        for (JFreeChart c : charts) {
            c.getXYPlot().getRenderer().setSeriesPaint(index, SeriesColors.categorical(index));
        }
        return index;
    }

    /** Appends one row of a run (NaN values are left out) and redraws. */
    public void add(int series, RowMetrics r) {
        append(series, r);
        changed(series);
    }

    /** Appends rows and redraws once: a window catching up on several rows draws each chart once. */
    public void addAll(int series, List<RowMetrics> rows) {
        rows.forEach(r -> append(series, r));
        changed(series);
    }

    private void changed(int series) {
        byStep.getSeries(series).fireSeriesChanged();
        byTimestep.getSeries(series).fireSeriesChanged();
        timestepByStep.getSeries(series).fireSeriesChanged();
    }

    private void append(int series, RowMetrics r) {
        double x = r.row() / (double) r.rows();
        double reversed = 1000 - r.timestep();
        double l1 = r.signal(signal);
        if (!Double.isNaN(l1)) {
            byStep.getSeries(series).add(x, l1, false);
            if (!Double.isNaN(reversed)) {
                byTimestep.getSeries(series).add(reversed, l1, false);
            }
        }
        if (!Double.isNaN(reversed)) {
            timestepByStep.getSeries(series).add(x, reversed, false);
        }
    }

    /** Renames the series, in order (labels of runs shown together change as runs are added). */
    public void relabel(List<String> newLabels) {
        for (int i = 0; i < newLabels.size() && i < labels.size(); i++) {
            labels.set(i, newLabels.get(i));
        }
        charts.forEach(JFreeChart::fireChartChanged);
    }

    /** Gives a series its own colour (a sweep figure colours series by a swept value). */
    public void setColor(int series, Color color) {
        for (JFreeChart c : charts) {
            c.getXYPlot().getRenderer().setSeriesPaint(series, color);
        }
    }

    /** Shows or hides the legends (a sweep figure has one colour key for all its panels). */
    public void setLegendsVisible(boolean visible) {
        for (JFreeChart c : charts) {
            c.getLegend().setVisible(visible);
        }
    }

    /** Shows a line of text under each panel's title (a sweep figure's row: the facet's value). */
    public void setSubtitle(String text) {
        for (JFreeChart c : charts) {
            c.addSubtitle(new TextTitle(text, new Font("SansSerif", Font.PLAIN, 12)));
        }
    }

    /** The legend text of a series: its index and label. */
    public String legend(int series) {
        return series + ": " + labels.get(series);
    }

    public void clear() {
        labels.clear();
        byStep.removeAllSeries();
        byTimestep.removeAllSeries();
        timestepByStep.removeAllSeries();
    }

    /** The three panels side by side. */
    @Override
    public void draw(Graphics2D g, int width, int height) {
        double panel = width / 3.0;
        for (int i = 0; i < 3; i++) {
            charts.get(i).draw(g, new Rectangle2D.Double(i * panel, 0, panel, height));
        }
    }

    /** The three panels side by side in one PNG at screen resolution. */
    public void writePng(Path file, int panelWidth, int height) throws IOException {
        Figure.write(this, file, 3 * panelWidth, height, SCREEN_DPI);
    }

    /** Charts for finished runs. */
    public static L1Charts of(String signal, List<RunSeries> runs) {
        L1Charts c = new L1Charts(signal);
        for (RunSeries run : runs) {
            c.addAll(c.start(run.label()), run.rows());
        }
        return c;
    }

    /**
     * While rows stream in, the charts draw lines only: the point markers are most of a redraw's
     * cost on a software-rendered window. They come back when the run ends.
     */
    public void setStreaming(boolean streaming) {
        for (JFreeChart c : charts) {
            ((XYLineAndShapeRenderer) c.getXYPlot().getRenderer()).setDefaultShapesVisible(!streaming);
        }
    }

    private JFreeChart chart(String title, String x, String y, XYSeriesCollection data) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, true, true, false);
        chart.getTitle().setFont(new Font("SansSerif", Font.BOLD, 13));
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setDefaultShape(new Ellipse2D.Double(-2, -2, 4, 4));
        r.setAutoPopulateSeriesShape(false);
        r.setDefaultStroke(new BasicStroke(1.5f));
        r.setAutoPopulateSeriesStroke(false);
        r.setLegendItemLabelGenerator((dataset, series) -> legend(series));
        plot.setRenderer(r);
        return chart;
    }
}
