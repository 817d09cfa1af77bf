package studio.timestep.ui;

import java.nio.IntBuffer;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import studio.timestep.plan.FrameSource;
import studio.timestep.plan.PlanHeatmap;
import studio.timestep.plan.PlanProblem;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.report.AxisTicks;

/**
 * The plan as a heatmap: frames across, rows down, colour = σ (legend on the right). Windows are
 * drawn as white edges per row, condition frames as orange marks above their column, selected
 * frames tinted, problems outlined in red. Scroll zooms around the pointer (Shift: frames only,
 * Ctrl: rows only), a right or middle drag pans, keys + − 0 zoom and fit. Only the visible
 * cells are drawn, so large plans stay fluid.
 */
final class PlanHeatmapView extends Region {
    static final double LEFT = 48;
    static final double TOP = 36;
    static final double RIGHT = 56;
    static final double BOTTOM = 8;

    private final PlanEditorModel model;
    private final Canvas canvas = new Canvas();
    private double row0;
    private double rowSpan = 1;
    private double frame0;
    private double frameSpan = 1;
    private int shownRows = -1;
    private int shownFrames = -1;
    private WritableImage image;
    private PixelBuffer<IntBuffer> pixels;
    private int[] raster = new int[0];
    private Point2D panFrom;
    private BiConsumer<int[], MouseEvent> onCell = (cell, e) -> { };
    private Consumer<String> onHover = s -> { };
    /** What a column is: a video frame, or a latent frame when the run panel has Wan selected. */
    private final StringProperty frameAxis = new SimpleStringProperty("frames →");

    PlanHeatmapView(PlanEditorModel model) {
        this.model = model;
        setId("planHeatmap");
        getChildren().add(canvas);
        setFocusTraversable(true);
        setMinSize(300, 200);
        model.stateProperty().addListener((o, a, b) -> redraw());
        model.problems().addListener((ListChangeListener<PlanProblem>) c -> redraw());
        model.selectedFrames().addListener((SetChangeListener<Integer>) c -> redraw());
        frameAxis.addListener((o, a, b) -> redraw());
        canvas.addEventHandler(ScrollEvent.SCROLL, this::zoom);
        canvas.addEventHandler(MouseEvent.ANY, this::mouse);
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD) {
                zoomAround(0.5, 0.5, 0.8, true, true);
            } else if (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT) {
                zoomAround(0.5, 0.5, 1.25, true, true);
            } else if (e.getCode() == KeyCode.DIGIT0 || e.getCode() == KeyCode.NUMPAD0) {
                fit();
            }
        });
    }

    /** Called with {row, frame} when the pointer presses, drags or releases over a cell (left button). */
    void setOnCell(BiConsumer<int[], MouseEvent> handler) {
        this.onCell = handler;
    }

    void setOnHover(Consumer<String> handler) {
        this.onHover = handler;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        redraw();
    }

    void fit() {
        TimestepPlan p = model.plan();
        row0 = 0;
        frame0 = 0;
        rowSpan = p.rows();
        frameSpan = p.frames();
        redraw();
    }

    /** The cell under a canvas point, or null outside the plan. */
    int[] cellAt(double x, double y) {
        double pw = plotWidth();
        double ph = plotHeight();
        if (x < LEFT || y < TOP || x >= LEFT + pw || y >= TOP + ph) {
            return null;
        }
        double f = frame0 + (x - LEFT) / pw * frameSpan;
        double r = row0 + (y - TOP) / ph * rowSpan;
        TimestepPlan p = model.plan();
        if (f < 0 || r < 0 || f >= p.frames() || r >= p.rows()) {
            return null;
        }
        return new int[] {(int) r, (int) f};
    }

    /** The screen point at the centre of a cell (for tests that click on cells). */
    Point2D cellCenterOnScreen(int row, int frame) {
        double x = LEFT + (frame + 0.5 - frame0) / frameSpan * plotWidth();
        double y = TOP + (row + 0.5 - row0) / rowSpan * plotHeight();
        return canvas.localToScreen(x, y);
    }

    private double plotWidth() {
        return Math.max(1, Math.floor(getWidth() - LEFT - RIGHT));
    }

    private double plotHeight() {
        return Math.max(1, Math.floor(getHeight() - TOP - BOTTOM));
    }

    private void zoom(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        double factor = e.getDeltaY() > 0 ? 0.8 : 1.25;
        zoomAround((e.getX() - LEFT) / plotWidth(), (e.getY() - TOP) / plotHeight(), factor,
                !e.isControlDown(), !e.isShiftDown());
        e.consume();
    }

    private void zoomAround(double fx, double fy, double factor, boolean frames, boolean rows) {
        TimestepPlan p = model.plan();
        if (frames) {
            double at = frame0 + fx * frameSpan;
            frameSpan = Math.max(4, Math.min(p.frames() * 1.0, frameSpan * factor));
            frame0 = clampStart(at - fx * frameSpan, frameSpan, p.frames());
        }
        if (rows) {
            double at = row0 + fy * rowSpan;
            rowSpan = Math.max(4, Math.min(p.rows() * 1.0, rowSpan * factor));
            row0 = clampStart(at - fy * rowSpan, rowSpan, p.rows());
        }
        redraw();
    }

    private static double clampStart(double start, double span, int size) {
        return Math.max(0, Math.min(start, Math.max(0, size - span)));
    }

    private void mouse(MouseEvent e) {
        boolean panButton = e.getButton() == MouseButton.SECONDARY || e.getButton() == MouseButton.MIDDLE;
        if (e.getEventType() == MouseEvent.MOUSE_PRESSED) {
            requestFocus();
            if (panButton) {
                panFrom = new Point2D(e.getX(), e.getY());
                return;
            }
        }
        if (e.getEventType() == MouseEvent.MOUSE_DRAGGED && panFrom != null) {
            TimestepPlan p = model.plan();
            frame0 = clampStart(frame0 - (e.getX() - panFrom.getX()) / plotWidth() * frameSpan, frameSpan, p.frames());
            row0 = clampStart(row0 - (e.getY() - panFrom.getY()) / plotHeight() * rowSpan, rowSpan, p.rows());
            panFrom = new Point2D(e.getX(), e.getY());
            redraw();
            return;
        }
        if (e.getEventType() == MouseEvent.MOUSE_RELEASED && panFrom != null) {
            panFrom = null;
            return;
        }
        int[] cell = cellAt(e.getX(), e.getY());
        if (e.getEventType() == MouseEvent.MOUSE_MOVED || e.getEventType() == MouseEvent.MOUSE_DRAGGED) {
            onHover.accept(cell == null ? "" : describe(cell[0], cell[1]));
        }
        if (cell != null && e.getButton() == MouseButton.PRIMARY && (e.getEventType() == MouseEvent.MOUSE_PRESSED
                || e.getEventType() == MouseEvent.MOUSE_DRAGGED || e.getEventType() == MouseEvent.MOUSE_RELEASED)) {
            onCell.accept(cell, e);
        }
    }

    /** "row 3, frame 7: σ 0.4120 (t 412.0), generate, moves". */
    String describe(int row, int frame) {
        TimestepPlan p = model.plan();
        double s = p.sigma(row, frame);
        return String.format(Locale.ROOT, "row %d, frame %d: σ %.4f (timestep %.1f), %s, %s%s", row, frame, s, 1000 * s,
                p.role(frame).describe(), p.moves(row, frame) ? "moves to " + String.format(Locale.ROOT, "%.4f",
                        p.next(row, frame)) : "holds",
                frame >= p.windowStart(row) && frame < p.windowEnd(row) ? "" : ", outside the window");
    }

    StringProperty frameAxisProperty() {
        return frameAxis;
    }

    void redraw() {
        TimestepPlan p = model.plan();
        if (p.rows() != shownRows || p.frames() != shownFrames) {
            shownRows = p.rows();
            shownFrames = p.frames();
            row0 = 0;
            frame0 = 0;
            rowSpan = p.rows();
            frameSpan = p.frames();
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        int pw = (int) plotWidth();
        int ph = (int) plotHeight();
        if (getWidth() < LEFT + RIGHT + 2 || getHeight() < TOP + BOTTOM + 2) {
            return;
        }
        drawCells(g, p, pw, ph);
        drawSelection(g, p, ph);
        drawWindows(g, p, pw, ph);
        drawMarks(g, p);
        drawAxes(g, p, pw, ph);
        drawLegend(g, ph);
    }

    private void drawCells(GraphicsContext g, TimestepPlan p, int pw, int ph) {
        if (image == null || (int) image.getWidth() != pw || (int) image.getHeight() != ph) {
            raster = new int[pw * ph];
            pixels = new PixelBuffer<>(pw, ph, IntBuffer.wrap(raster), PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(pixels);
        }
        PlanHeatmap.render(p, row0, rowSpan, frame0, frameSpan, pw, ph, raster);
        pixels.updateBuffer(b -> null);
        g.drawImage(image, LEFT, TOP);
    }

    private double xOf(double frame) {
        return LEFT + (frame - frame0) / frameSpan * plotWidth();
    }

    private double yOf(double row) {
        return TOP + (row - row0) / rowSpan * plotHeight();
    }

    private void drawSelection(GraphicsContext g, TimestepPlan p, int ph) {
        g.setFill(Color.rgb(255, 255, 255, 0.35));
        for (int f : model.selectedFrames()) {
            if (f + 1 > frame0 && f < frame0 + frameSpan) {
                g.fillRect(Math.max(LEFT, xOf(f)), TOP, Math.max(1, xOf(f + 1) - xOf(f)), ph);
            }
        }
    }

    private void drawWindows(GraphicsContext g, TimestepPlan p, int pw, int ph) {
        g.setStroke(Color.WHITE);
        g.setLineWidth(2);
        int first = (int) Math.floor(row0);
        int last = (int) Math.min(p.rows() - 1, Math.ceil(row0 + rowSpan));
        double step = Math.max(1, (last - first + 1) / (double) ph);
        for (double rr = first; rr <= last; rr += step) {
            int r = (int) rr;
            double y0 = Math.max(TOP, yOf(r));
            double y1 = Math.min(TOP + ph, yOf(r + Math.max(1, step)));
            for (int edge : new int[] {p.windowStart(r), p.windowEnd(r)}) {
                double x = xOf(edge);
                if (edge != 0 && edge != p.frames() && x >= LEFT && x <= LEFT + pw) {
                    g.strokeLine(x, y0, x, y1);
                }
            }
        }
    }

    private void drawMarks(GraphicsContext g, TimestepPlan p) {
        double cellW = plotWidth() / frameSpan;
        int firstFrame = (int) Math.floor(frame0);
        int lastFrame = (int) Math.min(p.frames() - 1, Math.ceil(frame0 + frameSpan));
        g.setFill(Color.rgb(230, 120, 0));
        for (int f = firstFrame; f <= lastFrame; f++) {
            if (p.role(f).isCondition()) {
                g.fillRect(xOf(f), TOP - 8, Math.max(2, cellW), 6);
            }
        }
        // a frame whose source is another frame of the plan (a loop's end, a chained segment's start): an arc
        // from the source's mark to it, so a loop reads apart from an interpolation
        g.setStroke(Color.rgb(230, 120, 0));
        g.setLineWidth(1.2);
        for (int f = 0; f < p.frames(); f++) {
            FrameSource s = p.role(f).source();
            if (s != null && s.kind() == FrameSource.Kind.PLAN_FRAME && s.frame() != f) {
                double from = xOf(s.frame()) + cellW / 2;
                double to = xOf(f) + cellW / 2;
                g.beginPath();
                g.moveTo(from, TOP - 9);
                g.bezierCurveTo(from, TOP - 24, to, TOP - 24, to, TOP - 9);
                g.stroke();
            }
        }
        g.setStroke(Color.RED);
        g.setFill(Color.RED);
        g.setLineWidth(1.5);
        for (PlanProblem problem : model.problems()) {
            int r = problem.row();
            int f = problem.frame();
            if (r >= 0 && f >= 0 && r + 1 > row0 && r < row0 + rowSpan && f + 1 > frame0 && f < frame0 + frameSpan) {
                double w = Math.max(3, xOf(f + 1) - xOf(f));
                double h = Math.max(3, yOf(r + 1) - yOf(r));
                g.strokeRect(xOf(f), yOf(r), w, h);
            } else if (r < 0 && f >= 0 && f + 1 > frame0 && f < frame0 + frameSpan) {
                g.fillRect(xOf(f), TOP - 3, Math.max(3, cellW), 3);
            } else if (f < 0 && r >= 0 && r + 1 > row0 && r < row0 + rowSpan) {
                g.fillRect(LEFT - 4, yOf(r), 4, Math.max(2, yOf(r + 1) - yOf(r)));
            }
        }
    }

    private void drawAxes(GraphicsContext g, TimestepPlan p, int pw, int ph) {
        g.setFill(Color.rgb(60, 60, 60));
        g.setFont(Font.font("SansSerif", 11));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (int r : AxisTicks.wholeNumbers(row0, rowSpan, ph / 40.0)) {
            g.fillText(Integer.toString(r), LEFT - 6, yOf(r + 0.5));
        }
        g.setTextAlign(TextAlignment.CENTER);
        for (int f : AxisTicks.wholeNumbers(frame0, frameSpan, pw / 60.0)) {
            g.fillText(Integer.toString(f), xOf(f + 0.5), TOP - 18);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(frameAxis.get(), LEFT + pw / 2.0 - 20, 6);
        g.fillText("rows ↓", 4, 6);
    }

    private void drawLegend(GraphicsContext g, int ph) {
        double x = getWidth() - RIGHT + 14;
        for (int y = 0; y < ph; y++) {
            int argb = PlanHeatmap.color(1 - y / (double) (ph - 1));
            g.setFill(Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF));
            g.fillRect(x, TOP + y, 12, 1);
        }
        g.setFill(Color.rgb(60, 60, 60));
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("1", x + 16, TOP + 4);
        g.fillText("0", x + 16, TOP + ph - 4);
        g.fillText("σ", x + 2, TOP - 12);
    }
}
