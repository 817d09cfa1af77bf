package studio.timestep.ui;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import studio.timestep.plan.PlanHeatmap;
import studio.timestep.report.AxisTicks;
import studio.timestep.report.FrameL1Heatmap;
import studio.timestep.sampling.RowMetrics;

/**
 * The per-frame L1 of a run (frames across, rows down) with its axes, a colour bar with values
 * (linear or logarithmic), the rows its step cache skipped marked red at the right, and the cell
 * under the pointer told in words: row, frame, σ and the value.
 */
final class FrameL1HeatmapView extends VBox {
    private static final double LEFT = 44;
    private static final double BOTTOM = 30;
    private static final double TOP = 6;
    private static final double MARKS = 10;
    private static final double BAR = 14;
    private static final double BAR_LABELS = 58;

    private final Canvas canvas;
    private final CheckBox log = new CheckBox("log scale");
    private final Label hover = new Label(" ");
    private List<RowMetrics> rows = List.of();
    private String signal = "guided";
    private FrameL1Heatmap.Scale scale;
    private int[] argb = new int[0];

    FrameL1HeatmapView(double width, double height) {
        super(2);
        canvas = new Canvas(width, height);
        canvas.setId("frameL1Heatmap");
        log.setId("heatmapLog");
        log.setTooltip(new Tooltip("Colour by log10 of the value (four decades below the largest)"));
        log.setOnAction(e -> draw(rows, signal));
        hover.setId("heatmapHover");
        Label title = new Label("Per-frame L1 of the selected run (frames across, rows down; red: rows its step cache skipped)");
        HBox head = new HBox(10, title, log);
        head.setAlignment(Pos.CENTER_LEFT);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover.setText(describe(e.getX(), e.getY())));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover.setText(" "));
        getChildren().addAll(head, canvas, hover);
    }

    private double plotWidth() {
        return canvas.getWidth() - LEFT - MARKS - 8 - BAR - BAR_LABELS;
    }

    private double plotHeight() {
        return canvas.getHeight() - TOP - BOTTOM;
    }

    void draw(List<RowMetrics> shown, String shownSignal) {
        rows = shown;
        signal = shownSignal;
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setFont(Font.font(10));
        int frames = FrameL1Heatmap.frames(rows);
        if (rows.isEmpty() || frames == 0) {
            scale = null;
            g.setFill(Color.GRAY);
            g.fillText(rows.isEmpty() ? "No run yet." : "This run has no per-frame values (an imported log).", LEFT, TOP + 14);
            return;
        }
        int w = (int) plotWidth();
        int h = (int) plotHeight();
        if (argb.length != w * h) {
            argb = new int[w * h];
        }
        scale = FrameL1Heatmap.scale(rows, signal, log.isSelected());
        FrameL1Heatmap.render(rows, signal, scale, w, h, argb);
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        g.drawImage(image, LEFT, TOP);
        int total = rows.get(0).rows();
        drawAxes(g, w, h, frames, total);
        g.setFill(Color.RED);
        double rowHeight = h / (double) total;
        for (RowMetrics r : rows) {
            if (r.cacheSkipped()) {
                g.fillRect(LEFT + w + 2, TOP + r.row() * rowHeight, MARKS - 2, Math.max(1, rowHeight));
            }
        }
        drawColourBar(g, LEFT + w + MARKS + 8, h);
    }

    private void drawAxes(GraphicsContext g, int w, int h, int frames, int total) {
        g.setStroke(Color.DIMGRAY);
        g.setFill(Color.DIMGRAY);
        g.strokeRect(LEFT - 0.5, TOP - 0.5, w + 1, h + 1);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        for (int f : AxisTicks.wholeNumbers(0, frames, 6)) {
            double x = LEFT + (f + 0.5) * w / frames;
            g.strokeLine(x, TOP + h, x, TOP + h + 3);
            g.fillText(Integer.toString(f), x, TOP + h + 4);
        }
        g.fillText("frame", LEFT + w / 2.0, TOP + h + 16);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (int r : AxisTicks.wholeNumbers(0, total, 6)) {
            double y = TOP + (r + 0.5) * h / total;
            g.strokeLine(LEFT - 3, y, LEFT, y);
            g.fillText(Integer.toString(r), LEFT - 5, y);
        }
        g.save();
        g.translate(10, TOP + h / 2.0);
        g.rotate(-90);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("row", 0, 0);
        g.restore();
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
    }

    /** The colour bar: the largest value at the top, 0 (or the log floor) at the bottom, five labelled ticks. */
    private void drawColourBar(GraphicsContext g, double x, int h) {
        for (int y = 0; y < h; y++) {
            int c = PlanHeatmap.color(1 - y / (double) Math.max(1, h - 1));
            g.setFill(Color.rgb(c >> 16 & 0xFF, c >> 8 & 0xFF, c & 0xFF));
            g.fillRect(x, TOP + y, BAR, 1);
        }
        g.setStroke(Color.DIMGRAY);
        g.strokeRect(x - 0.5, TOP - 0.5, BAR + 1, h + 1);
        g.setFill(Color.DIMGRAY);
        g.setTextBaseline(VPos.CENTER);
        for (int k = 0; k <= 4; k++) {
            double t = k / 4.0;
            double y = TOP + (1 - t) * (h - 1);
            g.strokeLine(x + BAR, y, x + BAR + 3, y);
            g.fillText(format(scale.value(t)), x + BAR + 5, y);
        }
        g.setTextBaseline(VPos.BASELINE);
    }

    private static String format(double v) {
        return v == 0 ? "0" : Math.abs(v) >= 0.01 && Math.abs(v) < 1000 ? String.format(Locale.ROOT, "%.3g", v)
                : String.format(Locale.ROOT, "%.1e", v);
    }

    /** The cell under the pointer in words, or a blank. */
    String describe(double px, double py) {
        int frames = FrameL1Heatmap.frames(rows);
        double w = plotWidth();
        double h = plotHeight();
        if (scale == null || frames == 0 || px < LEFT || px >= LEFT + w || py < TOP || py >= TOP + h) {
            return " ";
        }
        int total = rows.get(0).rows();
        int f = (int) ((px - LEFT) / w * frames);
        int r = (int) ((py - TOP) / h * total);
        if (r >= rows.size()) {
            return String.format(Locale.ROOT, "row %d, frame %d: not run yet", r, f);
        }
        RowMetrics m = rows.get(r);
        double v = m.signalPerFrame(signal)[f];
        return String.format(Locale.ROOT, "row %d, frame %d, σ %.4f, %s L1 %s%s", r, f, m.sigmas()[f], signal,
                Double.isNaN(v) ? "— (no previous value, or the frame is not seen)" : String.format(Locale.ROOT, "%.6g", v),
                m.cacheSkipped() ? ", skipped by the step cache" : "");
    }

    Label hoverLabel() {
        return hover;
    }

    Canvas canvas() {
        return canvas;
    }
}
