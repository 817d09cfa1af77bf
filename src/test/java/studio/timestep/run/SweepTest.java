package studio.timestep.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.timestep.sampling.SamplerKind;
import studio.timestep.schedule.GridConvention;

class SweepTest {
    @Test
    void listsAreCommaSeparatedAndABadValueIsNamed() {
        assertEquals(List.of(10, 20, 50), Sweep.parseInts("steps", " 10, 20,,50 "));
        assertEquals(List.of(3.0, 7.5), Sweep.parseDoubles("shift", "3,7.5"));
        assertEquals("steps: 'x' is not a whole number (give e.g. 10,20,50)",
                assertThrows(IllegalArgumentException.class, () -> Sweep.parseInts("steps", "10, x")).getMessage());
        assertEquals("shift: give at least one value, comma-separated",
                assertThrows(IllegalArgumentException.class, () -> Sweep.parseDoubles("shift", " , ")).getMessage());
    }

    @Test
    void jobsRunStepsThenShiftThenFramesWithTheirColumns() {
        List<RunJob> jobs = new Sweep(List.of(4, 6), List.of(3.0, 7.0), List.of(1, 2), GridConvention.EULER_SIGMAS,
                RunLabelsTest.CLIPS, RunLabelsTest.settings(SamplerKind.EULER, 1)).jobs();
        assertEquals(8, jobs.size());
        assertEquals(Map.of("steps", "4", "shift", "7", "frames", "1"), jobs.get(2).columns());
        assertEquals(List.of("steps", "shift", "frames"), List.copyOf(jobs.get(2).columns().keySet()));
        assertEquals(4, jobs.get(2).request().plan().rows());
        assertEquals(2, jobs.get(7).request().plan().frames());
        assertEquals("steps: must be in [1, 10000], got 0", assertThrows(IllegalArgumentException.class,
                () -> new Sweep(List.of(0), List.of(3.0), List.of(1), GridConvention.EULER_SIGMAS, RunLabelsTest.CLIPS,
                        RunLabelsTest.settings(SamplerKind.EULER, 1))).getMessage());
    }
}
