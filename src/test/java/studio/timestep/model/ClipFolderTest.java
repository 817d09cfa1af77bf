package studio.timestep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.indexing.NDArrayIndex;
import studio.timestep.report.FrameImages;

class ClipFolderTest {
    @TempDir
    Path dir;

    private static BufferedImage solid(Color c) {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, 16, 16);
        g.dispose();
        return img;
    }

    @Test
    void pngFoldersAndGifsBecomeCaptionedClips() throws Exception {
        Path seq = Files.createDirectories(dir.resolve("red_square-left"));
        ImageIO.write(solid(Color.RED), "png", seq.resolve("000.png").toFile());
        ImageIO.write(solid(Color.BLACK), "png", seq.resolve("001.png").toFile());
        FrameImages.writeGif(List.of(solid(Color.BLUE), solid(Color.BLUE)), dir.resolve("blue_ball.gif"), 10);
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        ClipCollection clips = ClipFolder.load(dir, 3, 8);
        assertEquals(List.of("blue ball", "red square left"), clips.captions());
        assertEquals(3, clips.frames());
        var red = clips.clip(1);
        assertEquals(1.0, red.getDouble(0, 0, 0, 0), 1e-6, "red channel of a red frame is +1");
        assertEquals(-1.0, red.getDouble(0, 1, 0, 0), 1e-6);
        assertArrayEquals(red.get(NDArrayIndex.point(0)).dup().data().asFloat(),
                red.get(NDArrayIndex.point(2)).dup().data().asFloat(), "a short clip loops");
        assertEquals(1.0, clips.clip(0).getDouble(1, 2, 3, 3), 1e-6, "blue");
    }

    @Test
    void anEmptyFolderIsReported() {
        assertTrue(assertThrows(IOException.class, () -> ClipFolder.load(dir, 4, 8)).getMessage()
                .contains("no clips"));
    }
}
