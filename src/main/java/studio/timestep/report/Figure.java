package studio.timestep.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.svg.SVGGraphics2D;
import studio.timestep.io.AtomicFiles;

/**
 * Something that draws itself at a size: the three L1 panels, a sweep figure. It is written as PNG
 * at a resolution (the size is in points of 1/96 inch, the pixels are size × DPI / 96, and the DPI
 * is recorded in the file) or as SVG through JFreeSVG (vector, the same drawing calls).
 */
public interface Figure {
    /** Draws the figure filling {@code width} × {@code height} points. */
    void draw(Graphics2D g, int width, int height);

    /** The points of a screen at 100 %. */
    double SCREEN_DPI = 96;

    static BufferedImage image(Figure f, int width, int height, double dpi) {
        double scale = dpi / SCREEN_DPI;
        BufferedImage image = new BufferedImage((int) Math.round(width * scale), (int) Math.round(height * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.scale(scale, scale);
        f.draw(g, width, height);
        g.dispose();
        return image;
    }

    /** Writes PNG or SVG, by the file's extension. */
    static void write(Figure f, Path file, int width, int height, double dpi) throws IOException {
        AtomicFiles.writeBytes(file, bytes(f, file, width, height, dpi));
    }

    /**
     * The file's bytes, PNG or SVG by the file's extension (drawn on the calling thread: a
     * window draws on its own thread and writes the bytes in the background).
     */
    static byte[] bytes(Figure f, Path file, int width, int height, double dpi) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            SVGGraphics2D g = new SVGGraphics2D(width, height);
            f.draw(g, width, height);
            return g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
        }
        if (name.endsWith(".png")) {
            return png(image(f, width, height, dpi), dpi);
        }
        throw new IOException(file.getFileName() + ": give a .png or .svg file name");
    }

    /** PNG bytes with the resolution in the pHYs chunk (pixels per metre). */
    private static byte[] png(BufferedImage image, double dpi) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        String perMetre = Integer.toString((int) Math.round(dpi / 0.0254));
        phys.setAttribute("pixelsPerUnitXAxis", perMetre);
        phys.setAttribute("pixelsPerUnitYAxis", perMetre);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(phys);
        try {
            metadata.mergeTree("javax_imageio_png_1.0", root);
        } catch (IIOInvalidTreeException e) {
            throw new IOException("PNG metadata: " + e.getMessage(), e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), null);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
