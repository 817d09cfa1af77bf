package studio.timestep.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.timestep.schedule.CdfFamily;
import studio.timestep.schedule.CdfShiftCurve;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.CurveWorkspace;
import studio.timestep.schedule.DrawnShiftCurve;
import studio.timestep.schedule.DynamicShiftCurve;
import studio.timestep.schedule.ExpertBoundary;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.LinearQuadraticSchedule;
import studio.timestep.schedule.LorentzShiftCurve;
import studio.timestep.schedule.ManualSchedule;
import studio.timestep.schedule.TimeShift;

class CurveFilesTest {
    @TempDir
    Path dir;

    @Test
    void everyScheduleRoundTrips() throws Exception {
        CurveWorkspace w = new CurveWorkspace(List.of(
                new CurveSetup("flow", new FlowShiftCurve(5), GridConvention.WAN_UNIPC, 50, true),
                new CurveSetup("dyn", DynamicShiftCurve.ofSequenceLength(32760, TimeShift.EXPONENTIAL),
                        GridConvention.DIFFUSERS_EULER, 30, false),
                new CurveSetup("lorentz", new LorentzShiftCurve(7), GridConvention.EULER_SIGMAS, 20, true),
                new CurveSetup("cdf", new CdfShiftCurve(CdfFamily.SOFTSIGN, 2.5, 0.35), GridConvention.DIFFUSERS_UNIPC,
                        40, true),
                new CurveSetup("drawn", DrawnShiftCurve.identity().withPointAdded(0.25, 0.7), GridConvention.EULER_SIGMAS,
                        10, true),
                new CurveSetup("lq", new LinearQuadraticSchedule(0.025, 0), GridConvention.EULER_SIGMAS, 50, true),
                new CurveSetup("manual", ManualSchedule.parse("1, 0.7, 0.2, 0"), GridConvention.EULER_SIGMAS, 3, true)));
        Path file = dir.resolve("w.json");
        CurveFiles.write(file, w);
        assertEquals(w, CurveFiles.read(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void problemsAreReportedWithTheirLocation() {
        assertMessage("{\"format\": \"timestep-studio/curves\",\n \"version\": 1,\n \"curves\": [ }", "line 3");
        assertMessage("{\"format\": \"other\", \"version\": 1, \"curves\": []}", "format");
        assertMessage("{\"format\": \"timestep-studio/curves\", \"version\": 9, \"curves\": []}", "version 1");
        assertMessage(doc("{\"name\": \"a\", \"steps\": 20, \"schedule\": {\"type\": \"flow-shift\", \"shift\": -3}}"),
                "curves[0].schedule.shift: must be in [0.01, 100], got -3");
        assertMessage(doc("{\"name\": \"a\", \"steps\": 0, \"schedule\": {\"type\": \"flow-shift\"}}"),
                "curves[0].steps");
        assertMessage(doc("{\"name\": \"a\", \"schedule\": {\"type\": \"spline\"}}"), "curves[0].schedule.type");
        assertMessage(doc("{\"name\": \"a\", \"schedule\": {\"type\": \"flow-shift\", \"mu\": 1}}"),
                "curves[0].schedule.mu: is not a parameter of a flow-shift curve");
        assertMessage(doc("{\"name\": \"a\", \"convention\": \"karras\", \"schedule\": {\"type\": \"flow-shift\"}}"),
                "curves[0].convention");
        assertMessage(doc("{\"name\": \"\", \"schedule\": {\"type\": \"flow-shift\"}}"), "curves[0].name");
    }

    @Test
    void shippedPresetsAllLoad() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("presets"))) {
            List<Path> presets = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertTrue(presets.size() >= 10, "presets: " + presets);
            for (Path p : presets) {
                CurveWorkspace w = CurveFiles.read(p);
                assertTrue(w.size() >= 1);
                w.curves().forEach(c -> c.grid());
            }
        }
    }

    private static String doc(String curve) {
        return "{\"format\": \"timestep-studio/curves\", \"version\": 1, \"curves\": [" + curve + "]}";
    }

    private static void assertMessage(String text, String expected) {
        FileFormatException e = assertThrows(FileFormatException.class, () -> CurveFiles.parse(Path.of("c.json"), text));
        assertTrue(e.getMessage().startsWith("c.json"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void theWan22BoundaryIsSavedWithTheCurves(@TempDir Path tmp) throws Exception {
        CurveWorkspace w = CurveWorkspace.starter().withBoundary(ExpertBoundary.I2V_A14B);
        Path f = tmp.resolve("w.json");
        CurveFiles.write(f, w);
        assertEquals(w, CurveFiles.read(f));
        assertEquals(null, CurveFiles.read(Files.writeString(tmp.resolve("none.json"),
                CurveFiles.toJson(CurveWorkspace.starter()))).boundary());
        Files.writeString(f, Files.readString(f).replace("0.9", "1.5"));
        assertTrue(assertThrows(FileFormatException.class, () -> CurveFiles.read(f)).getMessage()
                .startsWith("w.json boundary: must be in [0, 1]"));
    }
}
