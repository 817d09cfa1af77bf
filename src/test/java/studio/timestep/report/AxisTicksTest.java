package studio.timestep.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class AxisTicksTest {
    @Test
    void ticksFallOnRoundCellNumbersInsideTheGrid() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, AxisTicks.wholeNumbers(0, 4, 6), "never finer than one cell");
        assertArrayEquals(new int[] {0, 5, 10, 15, 20}, AxisTicks.wholeNumbers(0, 21, 6), "21 / 6 = 3.5 rounds up to 5");
        assertArrayEquals(new int[] {0, 20, 40}, AxisTicks.wholeNumbers(0, 41, 3), "13.7 rounds up to 20");
        assertArrayEquals(new int[] {4, 6, 8, 10}, AxisTicks.wholeNumbers(2.5, 10, 5), "a zoomed view: the last cell is 11");
        assertArrayEquals(new int[] {0, 500}, AxisTicks.wholeNumbers(0, 1000, 2), "500 is 5 × 10²; cell 1000 is past the end");
    }
}
