package studio.timestep.ui;

import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.jfree.chart.fx.ChartViewer;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.DrawnShiftCurve;
import studio.timestep.schedule.ManualSchedule;

/**
 * Direct manipulation on the charts: a drawn curve's control points on the g(u) chart (drag to
 * move, double-click to add, Shift+click to remove) and a manual schedule's sigmas on the σ per
 * step chart (drag up and down). The core keeps both monotone; these handlers only translate
 * pixels to values. Events they use are consumed so the chart does not zoom meanwhile.
 */
final class ChartDragController {
    /** How close to a point, in pixels, a press grabs it. */
    static final double GRAB_PIXELS = 9;

    private final CurveEditorModel model;
    private int dragged = -1;
    /** Counts drags, so that the edits of one drag merge into one undo step. */
    private int gesture;

    private ChartDragController(CurveEditorModel model) {
        this.model = model;
    }

    static void attach(CurveEditorModel model, ChartViewer curveChart, ChartViewer sigmaChart) {
        ChartDragController c = new ChartDragController(model);
        ChartGeometry curveGeometry = new ChartGeometry(curveChart);
        curveChart.getCanvas().addEventFilter(MouseEvent.ANY, e -> c.onCurveChart(e, curveGeometry));
        ChartDragController s = new ChartDragController(model);
        ChartGeometry sigmaGeometry = new ChartGeometry(sigmaChart);
        sigmaChart.getCanvas().addEventFilter(MouseEvent.ANY, e -> s.onSigmaChart(e, sigmaGeometry));
    }

    private void onCurveChart(MouseEvent e, ChartGeometry geometry) {
        CurveSetup setup = model.selectedCurve();
        if (setup == null || !setup.visible() || !(setup.schedule() instanceof DrawnShiftCurve drawn)
                || !geometry.ready() || e.getButton() != MouseButton.PRIMARY && e.getEventType() != MouseEvent.MOUSE_DRAGGED) {
            return;
        }
        Point2D at = geometry.toData(e.getX(), e.getY());
        if (e.getEventType() == MouseEvent.MOUSE_PRESSED) {
            int hit = nearestDrawnPoint(drawn, geometry, e.getX(), e.getY());
            if (hit >= 0 && e.isShiftDown()) {
                model.editSelected(c -> c.withSchedule(drawn.withPointRemoved(hit)), null);
                e.consume();
            } else if (hit >= 0 && !drawn.isEnd(hit)) {
                dragged = hit;
                gesture++;
                e.consume();
            }
        } else if (e.getEventType() == MouseEvent.MOUSE_DRAGGED && dragged >= 0) {
            int index = dragged;
            model.editSelected(c -> c.withSchedule(drawn.withPointMoved(index, at.getX(), at.getY())),
                    EditHistory.gestureKey("drag-point", gesture));
            e.consume();
        } else if (e.getEventType() == MouseEvent.MOUSE_RELEASED && dragged >= 0) {
            dragged = -1;
            e.consume();
        } else if (e.getEventType() == MouseEvent.MOUSE_CLICKED && e.getClickCount() == 2 && !e.isShiftDown()
                && nearestDrawnPoint(drawn, geometry, e.getX(), e.getY()) < 0) {
            DrawnShiftCurve added = drawn.withPointAdded(at.getX(), at.getY());
            if (added == drawn) {
                model.messageProperty().set("No room for a point there (points keep x at least "
                        + DrawnShiftCurve.MIN_GAP + " apart, at most " + DrawnShiftCurve.MAX_POINTS + ")");
            } else {
                model.editSelected(c -> c.withSchedule(added), null);
            }
            e.consume();
        }
    }

    private void onSigmaChart(MouseEvent e, ChartGeometry geometry) {
        CurveSetup setup = model.selectedCurve();
        if (setup == null || !setup.visible() || !(setup.schedule() instanceof ManualSchedule manual)
                || !geometry.ready()) {
            return;
        }
        if (e.getEventType() == MouseEvent.MOUSE_PRESSED && e.getButton() == MouseButton.PRIMARY) {
            dragged = nearestSigma(manual, geometry, e.getX(), e.getY());
            gesture++;
            if (dragged >= 0) {
                e.consume();
            }
        } else if (e.getEventType() == MouseEvent.MOUSE_DRAGGED && dragged >= 0) {
            int index = dragged;
            double sigma = geometry.toData(e.getX(), e.getY()).getY();
            model.editSelected(c -> c.withSchedule(manual.withSigma(index, sigma)), EditHistory.gestureKey("drag-sigma", gesture));
            e.consume();
        } else if (e.getEventType() == MouseEvent.MOUSE_RELEASED && dragged >= 0) {
            dragged = -1;
            e.consume();
        }
    }

    private static int nearestDrawnPoint(DrawnShiftCurve drawn, ChartGeometry geometry, double px, double py) {
        int best = -1;
        double bestDistance = GRAB_PIXELS;
        for (int i = 0; i < drawn.size(); i++) {
            Point2D p = geometry.toCanvas(drawn.x(i), drawn.y(i));
            double d = p.distance(px, py);
            if (d <= bestDistance) {
                best = i;
                bestDistance = d;
            }
        }
        return best;
    }

    /** The movable sigma (all but the final 0) nearest to the pointer, or -1. */
    private static int nearestSigma(ManualSchedule manual, ChartGeometry geometry, double px, double py) {
        int best = -1;
        double bestDistance = GRAB_PIXELS;
        int n = manual.steps();
        for (int i = 0; i < n; i++) {
            Point2D p = geometry.toCanvas(i / (double) n, manual.sigma(i));
            double d = p.distance(px, py);
            if (d <= bestDistance) {
                best = i;
                bestDistance = d;
            }
        }
        return best;
    }
}
