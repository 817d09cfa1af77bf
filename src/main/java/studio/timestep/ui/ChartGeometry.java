package studio.timestep.ui;

import java.awt.geom.Rectangle2D;
import javafx.geometry.Point2D;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;

/** Converts between data values and canvas pixels of an XY chart, from its last rendering. */
final class ChartGeometry {
    private final ChartViewer viewer;

    ChartGeometry(ChartViewer viewer) {
        this.viewer = viewer;
    }

    private XYPlot plot() {
        return viewer.getChart().getXYPlot();
    }

    private Rectangle2D dataArea() {
        return viewer.getCanvas().getRenderingInfo().getPlotInfo().getDataArea();
    }

    /** Whether the chart has been drawn (before that there is no geometry). */
    boolean ready() {
        Rectangle2D area = dataArea();
        return area != null && area.getWidth() > 0;
    }

    /** The data point under a canvas position. */
    Point2D toData(double canvasX, double canvasY) {
        XYPlot plot = plot();
        Rectangle2D area = dataArea();
        double x = plot.getDomainAxis().java2DToValue(canvasX, area, plot.getDomainAxisEdge());
        double y = plot.getRangeAxis().java2DToValue(canvasY, area, plot.getRangeAxisEdge());
        return new Point2D(x, y);
    }

    /** The canvas position of a data point. */
    Point2D toCanvas(double x, double y) {
        XYPlot plot = plot();
        Rectangle2D area = dataArea();
        return new Point2D(plot.getDomainAxis().valueToJava2D(x, area, plot.getDomainAxisEdge()),
                plot.getRangeAxis().valueToJava2D(y, area, plot.getRangeAxisEdge()));
    }

    /** The screen position of a data point (for tests that click on the chart). */
    Point2D toScreen(double x, double y) {
        Point2D p = toCanvas(x, y);
        return viewer.getCanvas().localToScreen(p.getX(), p.getY());
    }
}
