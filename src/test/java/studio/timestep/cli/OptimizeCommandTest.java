package studio.timestep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.timestep.io.CurveFiles;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.ManualSchedule;

class OptimizeCommandTest {
    @TempDir
    Path dir;

    @Test
    void theChosenStepsBecomeACurveFile() throws Exception {
        Path out = dir.resolve("oss.json");
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("optimize", "--steps", "20", "--student-steps", "4", "--frames",
                "2", "--model", "exact", "--clips", "8", "--size", "8", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("OSS 4 of 20 (flow shift s=5, euler): teacher levels [0, "), r.out());
        CurveSetup c = CurveFiles.read(out).get(0);
        assertEquals(4, c.steps());
        assertTrue(c.schedule() instanceof ManualSchedule);
        assertEquals(0, c.grid().sigma(4));
    }

    @Test
    void aStudentLongerThanItsTeacherIsRefused() {
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("optimize", "--steps", "5", "--student-steps", "8", "--model", "exact", "--clips",
                "4", "--size", "8");
        assertEquals(2, r.code());
        assertEquals("optimize: steps: the student takes 1 to 5 steps (the teacher's), got 8", r.err().trim());
    }
}
