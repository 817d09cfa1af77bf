package studio.timestep.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GridConventionTest {
    private static final FlowShiftCurve S11 = new FlowShiftCurve(11);

    private static double flow(double s, double u) {
        return s * u / (1 + (s - 1) * u);
    }

    @Test
    void eulerSigmasLastTimestepDependsOnSteps() {
        assertEquals(550.0, S11.sigmaGrid(10, GridConvention.EULER_SIGMAS).timestep(9), 1e-9);
        assertEquals(366.6667, S11.sigmaGrid(20, GridConvention.EULER_SIGMAS).timestep(19), 1e-4);
        assertEquals(183.3333, S11.sigmaGrid(50, GridConvention.EULER_SIGMAS).timestep(49), 1e-4);
    }

    @Test
    void diffusersEulerShiftsTheEndTwice() {
        double expected = 1000 * flow(11, flow(11, 0.001));
        for (int n : new int[] {10, 20, 50, 1000}) {
            SigmaGrid g = S11.sigmaGrid(n, GridConvention.DIFFUSERS_EULER);
            assertEquals(expected, g.timestep(n - 1), 1e-9);
            assertEquals(108.04, g.timestep(n - 1), 0.005);
            assertEquals(1000, g.timestep(0), 1e-9);
        }
        SigmaGrid g = S11.sigmaGrid(20, GridConvention.DIFFUSERS_EULER);
        // u = linspace(1, σ_min, 20); the second to last step is the big jump
        double sigmaMin = flow(11, 0.001);
        double u18 = 1 + 18 * ((sigmaMin - 1) / 19);
        assertEquals(flow(11, u18), g.sigma(18), 1e-15);
    }

    @Test
    void dynamicShiftDoesNotPreShiftDiffusersEuler() {
        DynamicShiftCurve c = DynamicShiftCurve.ofMu(Math.log(11), TimeShift.EXPONENTIAL);
        assertEquals(1000 * flow(11, 0.001), c.sigmaGrid(20, GridConvention.DIFFUSERS_EULER).timestep(19), 1e-6);
    }

    @Test
    void wanUnipcUsesShortenedGridAndFlooredTimesteps() {
        SigmaGrid g = new FlowShiftCurve(5).sigmaGrid(10, GridConvention.WAN_UNIPC);
        for (int i = 0; i < 10; i++) {
            double u = 0.999 + i * (-0.999 / 10);
            assertEquals(flow(5, u), g.sigma(i), 1e-15);
            assertEquals(Math.floor(1000 * flow(5, u)), g.timestep(i), 0);
        }
        assertEquals(0, g.sigma(10), 0);
        assertEquals(999, g.timestep(0), 0);
    }

    @Test
    void diffusersUnipcMatchesItsFlowSigmaFormula() {
        SigmaGrid g = new FlowShiftCurve(3).sigmaGrid(8, GridConvention.DIFFUSERS_UNIPC);
        for (int i = 0; i < 8; i++) {
            double alpha = 1 + (8 - i) * ((0.001 - 1) / 8);
            double u = i == 0 ? 1 - 0.001 : 1 - alpha;
            assertEquals(flow(3, u), g.sigma(i), 1e-15);
            assertEquals(Math.floor(1000 * g.sigma(i)), g.timestep(i), 0);
        }
    }

    @ParameterizedTest
    @EnumSource(GridConvention.class)
    void everyConventionGivesNPlusOneFallingSigmasEndingInZero(GridConvention convention) {
        for (int n : new int[] {1, 2, 7, 50, 1000}) {
            SigmaGrid g = new LorentzShiftCurve(3).sigmaGrid(n, convention);
            assertEquals(n, g.steps());
            assertEquals(n + 1, g.sigmas().length);
            assertEquals(0, g.sigma(n), 0);
            for (int i = 0; i < n; i++) {
                assertTrue(g.sigma(i) > g.sigma(i + 1), convention + " n=" + n + " i=" + i);
                assertTrue(!Double.isNaN(g.timestep(i)) && g.timestep(i) <= 1000);
            }
        }
    }

    @Test
    void derivedQuantities() {
        SigmaGrid g = new FlowShiftCurve(7).sigmaGrid(4, GridConvention.EULER_SIGMAS);
        assertArrayEquals(new double[] {g.sigma(0) - g.sigma(1), g.sigma(1) - g.sigma(2), g.sigma(2) - g.sigma(3),
            g.sigma(3)}, g.stepSizes(), 1e-15);
        assertEquals(1000 - 1000 * flow(7, 0.5), g.reversedTimesteps()[2], 1e-9);
    }
}
