package studio.timestep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScheduleCommandTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = StudioCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void printsTheGridAsJson() throws Exception {
        Result r = run("schedule", "--curve", "flow-shift", "--shift", "11", "--steps", "20",
                "--convention", "euler-sigmas", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(21, json.get("sigmas").size());
        assertEquals(20, json.get("timesteps").size());
        assertEquals(20, json.get("steps").asInt());
        assertEquals(366.6667, json.get("timesteps").get(19).asDouble(), 1e-4);
        assertEquals("flow-shift", json.get("curve").get("type").asText());
    }

    @Test
    void everyCurveByName() throws Exception {
        String[][] cases = {
            {"--curve", "dynamic", "--wan-video", "81x480x832"},
            {"--curve", "dynamic", "--mu", "1.2", "--time-shift", "linear"},
            {"--curve", "lorentz", "--shift", "7"},
            {"--curve", "cdf", "--cdf", "gaussian", "--k", "2", "--center", "0.4"},
            {"--curve", "linear-quadratic", "--threshold", "0.025", "--linear-steps", "25"},
            {"--curve", "manual", "--sigmas", "1.0, 0.6, 0.3, 0.0"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 3];
            args[0] = "schedule";
            System.arraycopy(c, 0, args, 1, c.length);
            args[c.length + 1] = "--format";
            args[c.length + 2] = "comfyui";
            Result r = run(args);
            assertEquals(0, r.code(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.out().trim().endsWith(", 0"), r.out());
        }
    }

    @Test
    void badValuesExitTwoWithOneLineNamingTheOption() {
        assertBad(run("schedule", "--shift", "-1"), "--shift: must be in [0.01, 100], got -1");
        assertBad(run("schedule", "--curve", "lorentz", "--shift", "0.5"), "--shift: must be in [1, 100]");
        assertBad(run("schedule", "--steps", "0"), "--steps: must be in [1, 10000]");
        assertBad(run("schedule", "--convention", "karras"), "--convention: must be one of");
        assertBad(run("schedule", "--curve", "spline"), "--curve: must be one of");
        assertBad(run("schedule", "--mu", "1"), "--mu: is not a parameter of a flow-shift curve");
        assertBad(run("schedule", "--steps", "many"), "--steps");
        assertBad(run("schedule", "--curve", "manual", "--sigmas", "1, 0.5, 0.8"), "--sigmas: value 3");
        assertBad(run("schedule", "--format", "xml"), "--format: must be one of");
        assertBad(run("schedule", "--preset", dir.resolve("missing.json").toString()), "--preset: cannot read");
    }

    @Test
    void presetFileAndOutFile() throws Exception {
        Path out = dir.resolve("grid.csv");
        Result r = run("schedule", "--preset", "presets/wan21-t2v-shift5.json", "--steps", "10", "--format", "csv",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(12, Files.readAllLines(out).size());
    }

    private static void assertBad(Result r, String expected) {
        assertEquals(2, r.code());
        String err = r.err().trim();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains(expected), err);
        assertTrue(!err.contains("Exception"), err);
    }
}
