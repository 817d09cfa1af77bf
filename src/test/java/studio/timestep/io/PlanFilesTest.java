package studio.timestep.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.timestep.plan.FrameRole;
import studio.timestep.plan.FrameSource;
import studio.timestep.plan.PlanEdits;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.report.PlanAnimation;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.SigmaGrid;

class PlanFilesTest {
    @TempDir
    Path dir;

    private final SigmaGrid grid = new FlowShiftCurve(3).sigmaGrid(6, GridConvention.WAN_UNIPC);

    @Test
    void plansRoundTripWithRolesPromptsStagesAndWindows() throws Exception {
        for (PlanTemplate t : PlanTemplate.values()) {
            TimestepPlan p = t.build(Map.of(), grid);
            Path file = dir.resolve(t.id() + ".json");
            PlanFiles.write(file, p);
            assertEquals(p, PlanFiles.read(file), t.id());
        }
        TimestepPlan edited = PlanEdits.setRole(PlanTemplate.T2V.build(Map.of("frames", 3), grid), List.of(1),
                FrameRole.fixedLevel(0.3, FrameSource.planFrame(0)));
        Path file = dir.resolve("edited.json");
        PlanFiles.write(file, edited);
        assertEquals(edited, PlanFiles.read(file));
    }

    @Test
    void jsonHasTheDocumentedKeys() throws Exception {
        TimestepPlan p = PlanTemplate.SKYREELS_DF.build(Map.of("frames", 8, "ar-step", 2), grid);
        JsonNode json = new ObjectMapper().readTree(PlanFiles.toJson(p));
        assertEquals(p.rows(), json.get("rows").asInt());
        assertEquals(8, json.get("frames").asInt());
        assertEquals(p.rows(), json.get("sigma").size());
        assertEquals(8, json.get("sigma").get(0).size());
        assertEquals(8, json.get("final").size());
        assertEquals(p.moves(3, 1), json.get("update").get(3).get(1).asBoolean());
        assertEquals(2, json.get("window").get(0).size());
        assertTrue(PlanFiles.toJson(p).lines().count() > p.rows() * 3L, "one line per matrix row");
    }

    @Test
    void brokenFilesAreReportedWithTheirLocation() {
        String ok = PlanFiles.toJson(PlanTemplate.T2V.build(Map.of("frames", 2), grid));
        assertProblem(ok.replace("\"rows\": 6", "\"rows\": 7"), "sigma: expected 7 entries");
        assertProblem(ok.replaceFirst("\\[\\[|\\[\\n    \\[", "[[\"x\", "), "sigma");
        assertProblem(ok.replace("\"version\": 1", "\"version\": 2"), "version");
        assertProblem(ok.substring(0, ok.length() / 2), "not valid JSON");
        assertProblem(ok.replace("\"window\": [\n    [0, 2]", "\"window\": [\n    [0, 5]"), "window[0]");
    }

    private static void assertProblem(String text, String expected) {
        FileFormatException e = assertThrows(FileFormatException.class, () -> PlanFiles.parse(Path.of("p.json"), text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void gifHasOnePicturePerRowAndTheFinalState() throws Exception {
        TimestepPlan p = PlanTemplate.FIFO.build(Map.of("frames", 5, "lag", 1), grid);
        Path gif = dir.resolve("plan.gif");
        PlanAnimation.writeGif(p, gif, 320, 160, 100);
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(p.rows() + 1, reader.getNumImages(true));
            BufferedImage first = reader.read(0);
            assertEquals(320, first.getWidth());
        }
        Path frames = dir.resolve("frames");
        PlanAnimation.writePngFrames(p, frames, 320, 160);
        try (var files = Files.list(frames)) {
            assertEquals(p.rows() + 1, files.count());
        }
    }

    @Test
    void theAnimationDrawsEachFramesLevelAsABar() {
        TimestepPlan p = PlanTemplate.FIFO.build(Map.of("frames", 4, "lag", 2), grid);
        BufferedImage row = PlanAnimation.render(p, 2, 400, 200);
        // frame 0 has moved two steps, frame 3 is still at σ = 1: its bar is taller
        int x0 = 36 + (int) ((400 - 44) / 4.0 * 0.5);
        int x3 = 36 + (int) ((400 - 44) / 4.0 * 3.5);
        assertTrue(barHeight(row, x3) > barHeight(row, x0));
        assertEquals(Math.round(p.sigma(2, 3) * (200 - 18 - 24)), barHeight(row, x3), 1.0);
    }

    private static int barHeight(BufferedImage image, int x) {
        int h = 0;
        for (int y = image.getHeight() - 19; y > 0; y--) {
            int rgb = image.getRGB(x, y) & 0xFFFFFF;
            if (rgb == 0xFFFFFF || rgb == 0xE8E8E8) {
                break;
            }
            h++;
        }
        return h;
    }
}
