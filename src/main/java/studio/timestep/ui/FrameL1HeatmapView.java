package studio.timestep.ui;

import java.util.List;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import studio.timestep.report.FrameL1Heatmap;
import studio.timestep.sampling.RowMetrics;

/** The per-frame L1 of a run as one image (frames across, rows down), with the rows TeaCache would skip marked red at the right. */
final class FrameL1HeatmapView extends Canvas {
    private static final int MARK_WIDTH = 10;
    private int[] argb = new int[0];

    FrameL1HeatmapView(double width, double height) {
        super(width, height);
        setId("frameL1Heatmap");
    }

    void draw(List<RowMetrics> rows, String signal) {
        GraphicsContext g = getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, getWidth(), getHeight());
        if (rows.isEmpty()) {
            return;
        }
        int w = (int) getWidth() - MARK_WIDTH - 2;
        int h = (int) getHeight();
        if (argb.length != w * h) {
            argb = new int[w * h];
        }
        FrameL1Heatmap.render(rows, signal, w, h, argb);
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        g.drawImage(image, 0, 0);
        g.setFill(Color.RED);
        double rowHeight = getHeight() / rows.get(0).rows();
        for (RowMetrics r : rows) {
            if (r.teacacheSkip()) {
                g.fillRect(getWidth() - MARK_WIDTH, r.row() * rowHeight, MARK_WIDTH, Math.max(1, rowHeight));
            }
        }
    }
}
