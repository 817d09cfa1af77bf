package studio.timestep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jcodec.api.FrameGrab;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.AWTUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MP4 export, decoded back with jcodec's own H.264 decoder. */
class FrameImagesTest {
    @Test
    void anMp4HoldsEveryFrameAtItsSizeWithItsColours(@TempDir Path dir) throws Exception {
        List<BufferedImage> pictures = new ArrayList<>();
        Color[] colours = {Color.RED, Color.GREEN, Color.BLUE, Color.WHITE, Color.BLACK};
        for (Color c : colours) {
            BufferedImage p = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
            var g = p.createGraphics();
            g.setColor(c);
            g.fillRect(0, 0, 64, 48);
            g.dispose();
            pictures.add(p);
        }
        Path file = dir.resolve("frames.mp4");
        FrameImages.writeMp4(pictures, file, 8);
        assertTrue(Files.size(file) > 0);
        try (var in = NIOUtils.readableChannel(file.toFile())) {
            FrameGrab grab = FrameGrab.createFrameGrab(in);
            for (Color c : colours) {
                Picture frame = grab.getNativeFrame();
                BufferedImage decoded = AWTUtil.toBufferedImage(frame);
                assertEquals(64, decoded.getWidth());
                assertEquals(48, decoded.getHeight());
                Color centre = new Color(decoded.getRGB(32, 24));
                // lossy: each channel within 24 of the frame's colour
                assertTrue(Math.abs(centre.getRed() - c.getRed()) < 24 && Math.abs(centre.getGreen() - c.getGreen()) < 24
                        && Math.abs(centre.getBlue() - c.getBlue()) < 24, c + " came back as " + centre);
            }
            assertEquals(null, grab.getNativeFrame(), "five frames, no more");
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary left beside it");
        }
    }
}
