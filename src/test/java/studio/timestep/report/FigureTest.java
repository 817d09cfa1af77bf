package studio.timestep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

class FigureTest {
    @TempDir
    Path dir;

    private static SweepFigure figure() {
        var m = SweepFigureTest.sweep(List.of("10", "20"), List.of("3"), List.of("1", "9"));
        return SweepFigure.of(m, "steps", "frames", "guided");
    }

    @Test
    void pngHasThePixelsOfItsDpiAndSaysTheDpi() throws Exception {
        Path png = dir.resolve("sweep.png");
        Figure.write(figure(), png, 800, 500, 192);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1600, image.getWidth(), "800 points at 192 DPI");
        assertEquals(1000, image.getHeight());
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            Node root = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            IIOMetadataNode phys = (IIOMetadataNode) ((IIOMetadataNode) root).getElementsByTagName("pHYs").item(0);
            assertEquals(Math.round(192 / 0.0254), Long.parseLong(phys.getAttribute("pixelsPerUnitXAxis")));
        }
    }

    @Test
    void svgIsVectorTextOfTheSameDrawing() throws Exception {
        Path svg = dir.resolve("l1.svg");
        L1Charts charts = L1Charts.of("guided", List.of());
        Figure.write(charts, svg, 1200, 400, 96);
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg") && text.contains("L1 vs step/N") && text.contains("1000 − timestep"), text.substring(0, 200));
        assertThrows(IOException.class, () -> Figure.write(charts, dir.resolve("l1.jpg"), 100, 100, 96));
    }
}
