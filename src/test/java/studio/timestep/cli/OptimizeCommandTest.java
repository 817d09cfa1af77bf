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

    /** The best-shift table on the shipped tiny model: one row per steps × frames, the best shift no worse than shift 5. */
    @Test
    void theTableNamesTheBestShiftPerStepsAndFrames() {
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("optimize", "--table", "--table-steps", "3", "--table-frames", "1",
                "--seeds", "1", "--guidance", "1");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertTrue(lines[0].startsWith("best flow shift for tiny Wan") && lines[0].endsWith("(this model only)"), lines[0]);
        String[] row = lines[2].trim().split("\\s+");
        assertEquals("3", row[0]);
        assertEquals("1", row[1]);
        assertTrue(Double.parseDouble(row[3]) <= Double.parseDouble(row[4]), "the best is no worse than shift 5: " + lines[2]);
    }

    @Test
    void neitherStudentStepsNorTableIsNamed() {
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("optimize", "--steps", "5", "--model", "exact");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--student-steps: give the student's step count, or --table"), r.err());
    }
}
