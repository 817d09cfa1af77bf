package studio.timestep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
    @TempDir
    Path dir;

    @Test
    void skyreelsExampleFromTheIssue() throws Exception {
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("plan", "--template", "skyreels-df", "--frames", "8",
                "--steps", "10", "--ar-step", "2", "--base-frames", "8", "--block", "1", "--prefix", "0", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(10 + 7 * 2, json.get("rows").asInt());
        assertEquals(8, json.get("frames").asInt());
        assertEquals(24, json.get("sigma").size());
        assertEquals(24, json.get("update").size());
        assertEquals(24, json.get("window").size());
        assertEquals(8, json.get("final").size());
        assertEquals(0.9, json.get("sigma").get(1).get(0).asDouble(), 1e-12, "flow shift 1, euler-sigmas by default");
    }

    @Test
    void checkListsProblemsAndExitsOne() throws Exception {
        Path file = dir.resolve("p.json");
        assertEquals(0, ScheduleCommandTest.run("plan", "--template", "t2v", "--frames", "3", "--steps", "4", "--out",
                file.toString()).code());
        ScheduleCommandTest.Result ok = ScheduleCommandTest.run("plan", "--check", file.toString());
        assertEquals(0, ok.code(), ok.out());
        assertTrue(ok.out().contains("no problems"));
        Files.writeString(file, Files.readString(file).replace("[0.5, 0.5, 0.5]", "[0.5, 0.9, 0.5]"));
        ScheduleCommandTest.Result bad = ScheduleCommandTest.run("plan", "--check", file.toString());
        assertEquals(1, bad.code(), bad.out());
        assertTrue(bad.out().contains("p.json: row 1, frame 1: σ rises from 0.75 to 0.9"), bad.out());
    }

    @Test
    void gifAndBadParameters() throws Exception {
        Path gif = dir.resolve("a.gif");
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("plan", "--template", "fifo", "--frames", "6", "--steps",
                "5", "--format", "gif", "--out", gif.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(gif) > 100);
        assertBad(ScheduleCommandTest.run("plan", "--template", "t2v", "--lag", "2"), "--lag: is not a parameter");
        assertBad(ScheduleCommandTest.run("plan", "--template", "wave"), "--template: must be one of");
        assertBad(ScheduleCommandTest.run("plan", "--template", "v2v", "--strength", "0"), "--strength: must be in (0, 1]");
        assertBad(ScheduleCommandTest.run("plan", "--format", "gif"), "--out: is required");
        assertBad(ScheduleCommandTest.run("plan", "--check", dir.resolve("none.json").toString()), "--check: cannot read");
    }

    private static void assertBad(ScheduleCommandTest.Result r, String expected) {
        assertEquals(2, r.code(), r.out());
        assertEquals(1, r.err().trim().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }
}
