package studio.timestep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options the robustness review found taken silently or crashing: each exits 2 with one line naming the option. */
class OptionRefusalTest {
    @TempDir
    Path dir;

    private static void refused(String expected, String... args) {
        ScheduleCommandTest.Result r = ScheduleCommandTest.run(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().trim().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void numbersOutsideTheirRange() {
        refused("--delay: must be in [10, 655350], got 2147483647", "plan", "--format", "json", "--delay", "2147483647");
        refused("--max-window: must be in [0, 4096], got -3", "plan", "--check", "none.json", "--max-window", "-3");
        refused("--shift: must be in [0.01, 100], got 1.0E-17", "schedule", "--shift", "1e-17");
        refused("--sigmas: needs at least one sigma above 0 before the final 0", "schedule", "--curve", "manual",
                "--sigmas", "0, 0, 0");
    }

    @Test
    void aPresetAndCurveOptionsTogetherAreRefused() throws Exception {
        Path preset = Path.of("presets/lorentz-s3.json");
        assertTrue(Files.isRegularFile(preset));
        refused("--preset: takes the curve from the file; give it or --curve, --shift, not both", "schedule", "--preset",
                preset.toString(), "--curve", "lorentz", "--shift", "7");
        assertEquals(0, ScheduleCommandTest.run("schedule", "--preset", preset.toString(), "--steps", "10").code(),
                "steps and convention still apply to a preset");
    }

    @Test
    void sampleChecksAPlanAsPlanCheckDoesAndRefusesWorkBeyondTheMachine() throws Exception {
        Path plan = dir.resolve("rising.json");
        assertEquals(0, ScheduleCommandTest.run("plan", "--steps", "3", "--frames", "2", "--out", plan.toString()).code());
        Files.writeString(plan, Files.readString(plan).replaceFirst("\\[0.0, 0.0]", "[1.0, 1.0]"));
        assertEquals(1, ScheduleCommandTest.run("plan", "--check", plan.toString()).code(), "plan --check finds it");
        refused("; --allow-problems runs it anyway", "sample", "--plan", plan.toString(), "--model", "exact", "--clips", "4", "--size", "8", "--out",
                dir.resolve("a").toString());
        assertEquals(0, ScheduleCommandTest.run("sample", "--plan", plan.toString(), "--allow-problems", "--model", "exact", "--clips", "4",
                "--size", "8", "--out", dir.resolve("b").toString()).code(), "run anyway when asked");
        refused("frames: 4096 frames of 256 clips at 32×32 need 12.0 GiB for the clip collection", "sample", "--frames",
                "4096", "--out", dir.resolve("c").toString());
    }

    @Test
    void aFifoOrDeviceAsAPresetIsRefusedAtOnce() {
        refused("--preset: zero: not a regular file", "schedule", "--preset", "/dev/zero");
    }
}
