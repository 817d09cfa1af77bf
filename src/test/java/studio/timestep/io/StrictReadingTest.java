package studio.timestep.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.timestep.TestData;
import studio.timestep.model.wan.WanConfig;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;

/** Inputs the robustness review found accepted, coerced or crashing: each is now refused in one line naming the file. */
class StrictReadingTest {
    @TempDir
    Path dir;

    private static final String CURVES = """
            {"format": "timestep-studio/curves", "version": 1, "curves": [{"name": "a", "visible": true,
             "convention": "wan-unipc", "steps": 50, "schedule": {"type": "flow-shift", "shift": 5.0}}]}""";

    private String curveError(String text) throws Exception {
        Path f = Files.writeString(dir.resolve("c.json"), text);
        FileFormatException e = assertThrows(FileFormatException.class, () -> CurveFiles.read(f));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith("c.json"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void curveFilesAreReadStrictly() throws Exception {
        assertEquals(1, CurveFiles.read(Files.writeString(dir.resolve("ok.json"), CURVES)).size());
        assertTrue(curveError(CURVES + " trailing").contains("not valid JSON"));
        assertTrue(curveError(CURVES + CURVES).contains("not valid JSON"));
        assertTrue(curveError(CURVES.replace("\"name\": \"a\"", "\"name\": \"a\", \"name\": \"b\"")).contains("Duplicate field"));
        assertEquals("c.json curves[0].visible: expected true or false, got \"abc\"",
                curveError(CURVES.replace("\"visible\": true", "\"visible\": \"abc\"")));
        assertEquals("c.json curves[0].schedule.shift: expected a number, got \"5f\"",
                curveError(CURVES.replace("\"shift\": 5.0", "\"shift\": \"5f\"")));
        assertTrue(curveError(CURVES.replace("\"version\": 1", "\"version\": true")).startsWith("c.json version:"));
        assertTrue(curveError(CURVES.replace("\"version\": 1", "\"version\": 1.5")).startsWith("c.json version:"));
        assertEquals("c.json curves[0].steps: expected a whole number in [1, 10000], got 4294967346",
                curveError(CURVES.replace("\"steps\": 50", "\"steps\": 4294967346")));
        assertTrue(curveError("[" + "[".repeat(200) + "]".repeat(200) + "]").contains("not valid JSON"), "deep nesting");
    }

    @Test
    void onlyRegularFilesOfASaneSizeAreRead() throws Exception {
        FileFormatException zero = assertThrows(FileFormatException.class, () -> CurveFiles.read(Path.of("/dev/zero")));
        assertEquals("zero: not a regular file", zero.getMessage());
        Path big = dir.resolve("big.json");
        try (var out = Files.newOutputStream(big)) {
            out.write(new byte[(int) VersionedJson.MAX_BYTES + 1]);
        }
        assertTrue(assertThrows(FileFormatException.class, () -> PlanFiles.read(big)).getMessage().contains("at most"));
        Path latin = Files.write(dir.resolve("latin.json"), new byte[] {'{', (byte) 0xE9, '}'});
        assertEquals("latin.json: not UTF-8 text", assertThrows(FileFormatException.class, () -> CurveFiles.read(latin)).getMessage());
    }

    @Test
    void planFilesRefuseWrongTypesAndFractionalWindows() throws Exception {
        String ok = PlanFiles.toJson(PlanTemplate.FIFO.build(Map.of("frames", 3, "lag", 1),
                new FlowShiftCurve(3).sigmaGrid(3, GridConvention.EULER_SIGMAS)));
        Path f = dir.resolve("p.json");
        Files.writeString(f, ok);
        PlanFiles.read(f);
        Files.writeString(f, ok.replaceFirst("\"rows\": \\d+", "\"rows\": 4294967298"));
        assertTrue(assertThrows(FileFormatException.class, () -> PlanFiles.read(f)).getMessage()
                .startsWith("p.json rows: expected a whole number in [1, 4096], got 4294967298"));
        Files.writeString(f, ok.replaceFirst("\\[0, 1]", "[0.5, 1]"));
        assertTrue(assertThrows(FileFormatException.class, () -> PlanFiles.read(f)).getMessage().contains("window[0][0]"));
        Files.writeString(f, ok.replaceFirst("\\[1.0, 1.0, 1.0]", "[\"abc\", 1.0, 1.0]"));
        assertEquals("p.json sigma[0][0]: expected a number, got \"abc\"",
                assertThrows(FileFormatException.class, () -> PlanFiles.read(f)).getMessage());
    }

    @Test
    void wanConfigFieldsAreTypedAndBounded() throws Exception {
        String ok = Files.readString(TestData.wanGolden().resolve("tiny/config.json"));
        Path f = dir.resolve("config.json");
        for (String[] bad : new String[][] {{"\"cross_attn_norm\": true", "\"cross_attn_norm\": 2.5", "cross_attn_norm"},
            {"\"num_layers\": 2", "\"num_layers\": 4294967298", "num_layers"}, {"\"eps\": 1e-06", "\"eps\": -2", "eps"}}) {
            assertTrue(ok.contains(bad[0]), bad[0] + " in " + ok);
            Files.writeString(f, ok.replace(bad[0], bad[1]));
            FileFormatException e = assertThrows(FileFormatException.class, () -> WanConfig.read(f));
            assertTrue(e.getMessage().startsWith("config.json " + bad[2] + ":"), e.getMessage());
        }
    }

    @Test
    void aSafetensorsShapeThatOverflowsIsReported() throws Exception {
        String header = "{\"t\": {\"dtype\": \"F32\", \"shape\": [4294967296, 4294967296, 4], \"data_offsets\": [0, 4]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json).putInt(0);
        Path f = Files.write(dir.resolve("big.safetensors"), b.array());
        FileFormatException e = assertThrows(FileFormatException.class, () -> SafetensorsFile.open(f));
        assertTrue(e.getMessage().contains("more elements than a file can hold"), e.getMessage());
    }
}
