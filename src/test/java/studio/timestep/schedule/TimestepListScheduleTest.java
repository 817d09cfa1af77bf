package studio.timestep.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TimestepListScheduleTest {
    private static double[] sigmas(double[] t, double shift) {
        return new TimestepListSchedule(t, shift).sigmaGrid(0, GridConvention.EULER_SIGMAS).sigmas();
    }

    @Test
    void distilledListsAreWarpedByTheShift() {
        double[] list = {1000, 750, 500, 250};
        assertArrayEquals(new double[] {1, 0.9375, 2.5 / 3, 0.625, 0}, sigmas(list, 5), 1e-12, "Lightning / Self-Forcing");
        assertArrayEquals(new double[] {1, 0.96, 8.0 / 9, 8.0 / 11, 0}, sigmas(list, 8), 1e-12);
        assertArrayEquals(new double[] {1, 0.9, 0.75, 0.5, 0}, sigmas(list, 3), 1e-12);
        assertArrayEquals(new double[] {1, 0.757, 0.522, 0}, sigmas(new double[] {1000, 757, 522}, 1), 1e-12, "CausVid, unwarped");
        double[] eight = sigmas(new double[] {1000, 875, 750, 625, 500, 375, 250, 125}, 5);
        assertEquals(0.9722, eight[1], 1e-4);
        assertEquals(0.4167, eight[7], 1e-4);
    }

    @Test
    void theListIsCheckedAndRoundTrips() {
        assertEquals("timesteps: must fall: value 2 (750.0) after 750.0", assertThrows(IllegalArgumentException.class,
                () -> new TimestepListSchedule(TimestepListSchedule.parse("750, 750"), 5)).getMessage());
        assertEquals("timesteps: 'x' is not a number", assertThrows(IllegalArgumentException.class,
                () -> TimestepListSchedule.parse("1000, x")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TimestepListSchedule(new double[] {1200, 500}, 5));
        assertThrows(IllegalArgumentException.class, () -> new TimestepListSchedule(new double[] {1000, 0}, 5));
        StepSchedule s = ScheduleFactory.fromDescription(Map.of("type", "timestep-list", "timesteps", "[1000, 750, 500, 250]",
                "shift", 5));
        assertEquals(s, ScheduleFactory.fromDescription(s.describe()));
        assertEquals(4, s.fixedSteps().getAsInt());
    }
}
