package studio.timestep.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import studio.timestep.io.AtomicFiles;
import studio.timestep.plan.TimestepPlan;

/**
 * The animated view of the article "Vectorized Timestepについて": one bar per frame whose height is the frame's level, one
 * picture per row. Bars of frames that move in the row are bright, frames that wait are pale;
 * condition frames are orange; the row's window is a grey band. Used by the window and by the
 * GIF and PNG exports, so what is exported is what was seen.
 */
public final class PlanAnimation {
    private static final Color GENERATE = new Color(0, 114, 178);
    private static final Color GENERATE_IDLE = new Color(160, 190, 215);
    private static final Color CONDITION = new Color(230, 120, 0);
    private static final Color WINDOW = new Color(232, 232, 232);

    private PlanAnimation() {
    }

    /** The picture of row {@code row} (or of the final levels when row == rows). */
    public static BufferedImage render(TimestepPlan plan, int row, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int top = 24;
        int bottom = height - 18;
        int left = 36;
        int right = width - 8;
        int frames = plan.frames();
        double barWidth = (right - left) / (double) frames;
        boolean last = row >= plan.rows();
        if (!last) {
            g.setColor(WINDOW);
            int x0 = left + (int) Math.round(plan.windowStart(row) * barWidth);
            int x1 = left + (int) Math.round(plan.windowEnd(row) * barWidth);
            g.fillRect(x0, top, Math.max(x1 - x0, 0), bottom - top);
        }
        for (int f = 0; f < frames; f++) {
            double level = last ? plan.finalLevel(f) : plan.sigma(row, f);
            boolean moves = !last && plan.moves(row, f);
            g.setColor(plan.role(f).isCondition() ? CONDITION : moves ? GENERATE : GENERATE_IDLE);
            int x0 = left + (int) Math.floor(f * barWidth);
            int x1 = Math.max(x0 + 1, left + (int) Math.floor((f + 1) * barWidth) - (barWidth > 4 ? 1 : 0));
            int h = (int) Math.round(Math.max(0, Math.min(1, level)) * (bottom - top));
            g.fillRect(x0, bottom - h, x1 - x0, Math.max(h, level > 0 ? 1 : 0));
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString("σ 1", 4, top + 8);
        g.drawString("0", left - 12, bottom);
        g.drawString("frame 0", left, height - 4);
        String lastFrame = "frame " + (frames - 1);
        g.drawString(lastFrame, right - g.getFontMetrics().stringWidth(lastFrame), height - 4);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(last ? "final (after row " + plan.rows() + ")"
                : String.format(Locale.ROOT, "row %d / %d", row + 1, plan.rows()), left, 16);
        g.dispose();
        return image;
    }

    /** An animated GIF of every row and the final state, written atomically. */
    public static void writeGif(TimestepPlan plan, Path file, int width, int height, int delayMillis) throws IOException {
        AtomicFiles.write(file, out -> {
            try (GifSequenceWriter gif = new GifSequenceWriter(out, delayMillis, true)) {
                for (int r = 0; r <= plan.rows(); r++) {
                    gif.add(render(plan, r, width, height));
                }
            }
        });
    }

    /** One PNG per row (row_0000.png, ...) and final.png in a folder. */
    public static void writePngFrames(TimestepPlan plan, Path dir, int width, int height) throws IOException {
        Files.createDirectories(dir);
        for (int r = 0; r <= plan.rows(); r++) {
            String name = r == plan.rows() ? "final.png" : String.format(Locale.ROOT, "row_%04d.png", r);
            AtomicFiles.writePng(dir.resolve(name), render(plan, r, width, height));
        }
    }
}
