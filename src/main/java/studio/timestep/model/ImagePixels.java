package studio.timestep.model;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** A picture as model pixels: resized (bilinear) to width × height, planar RGB in [-1, 1]. */
public final class ImagePixels {
    private ImagePixels() {
    }

    public static float[] planarRgb(BufferedImage image, int width, int height) {
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        int plane = width * height;
        float[] data = new float[3 * plane];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = scaled.getRGB(x, y);
                data[y * width + x] = (rgb >> 16 & 0xFF) / 127.5f - 1;
                data[plane + y * width + x] = (rgb >> 8 & 0xFF) / 127.5f - 1;
                data[2 * plane + y * width + x] = (rgb & 0xFF) / 127.5f - 1;
            }
        }
        return data;
    }
}
