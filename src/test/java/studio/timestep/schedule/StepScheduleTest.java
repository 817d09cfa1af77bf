package studio.timestep.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import studio.timestep.param.InvalidParameterException;

class StepScheduleTest {

    @Test
    void linearQuadraticFiftyStepsStartsAsThousandStepLinear() {
        SigmaGrid g = new LinearQuadraticSchedule(0.025, 0).sigmaGrid(50, GridConvention.EULER_SIGMAS);
        assertEquals(51, g.sigmas().length);
        for (int i = 0; i < 25; i++) {
            assertEquals(1 - i * 0.001, g.sigma(i), 1e-12);
            assertEquals(0.001, g.stepSize(i), 1e-12);
        }
        assertEquals(1 - 0.025, g.sigma(25), 1e-12);
        assertEquals(0, g.sigma(50), 0);
        // a_i = q·i² + l·i + c written out for i = 40
        double d = 25 - 0.025 * 50;
        double q = d / (25.0 * 25 * 25);
        double l = 0.025 / 25 - 2 * d / (25.0 * 25);
        double c = q * 25 * 25;
        assertEquals(1 - (q * 1600 + l * 40 + c), g.sigma(40), 1e-12);
        assertEquals(1000 * g.sigma(40), g.timestep(40), 1e-9);
    }

    @Test
    void linearQuadraticRefusesRisingSchedulesAndBadLinearSteps() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> new LinearQuadraticSchedule(0.9, 0).sigmaGrid(50, GridConvention.EULER_SIGMAS));
        assertEquals("threshold", e.field());
        assertTrue(e.getMessage().contains("rise"), e.getMessage());
        assertEquals("linear-steps", assertThrows(InvalidParameterException.class,
                () -> new LinearQuadraticSchedule(0.025, 50).sigmaGrid(50, GridConvention.EULER_SIGMAS)).field());
        assertEquals(1, new LinearQuadraticSchedule(0.025, 0).sigmaGrid(1, GridConvention.EULER_SIGMAS).sigma(0));
    }

    @Test
    void manualListsParseInEveryCommonForm() {
        double[] expected = {1, 0.5, 0.001, 0};
        for (String text : List.of("1.0, 0.5, 0.001, 0.0", "[1.0, 0.5, 1e-3, 0]", "1\n0.5\n0.001\n0\n", "1.0 0.5 0.001",
                "(1.0; 0.5; 0.001)")) {
            ManualSchedule m = ManualSchedule.parse(text);
            assertEquals(3, m.steps(), text);
            for (int i = 0; i < 4; i++) {
                assertEquals(expected[i], m.sigma(i), 0, text);
            }
        }
    }

    @Test
    void manualListsRefuseWhatIsNotASchedule() {
        assertTrue(assertThrows(InvalidParameterException.class, () -> ManualSchedule.parse("1, 0.5, 0.7, 0"))
                .getMessage().contains("value 3"));
        assertTrue(assertThrows(InvalidParameterException.class, () -> ManualSchedule.parse("1, abc, 0"))
                .getMessage().contains("'abc'"));
        assertThrows(InvalidParameterException.class, () -> ManualSchedule.parse("1, NaN, 0"));
        assertThrows(InvalidParameterException.class, () -> ManualSchedule.parse("1.5, 0"));
        assertThrows(InvalidParameterException.class, () -> ManualSchedule.parse(" "));
        assertThrows(InvalidParameterException.class, () -> ManualSchedule.parse("0"));
    }

    @Test
    void manualSigmaEditsStayBetweenNeighbours() {
        ManualSchedule m = ManualSchedule.parse("1, 0.8, 0.5, 0.2, 0");
        assertEquals(0.8, m.withSigma(2, 0.95).sigma(2), 0);
        assertEquals(0.2, m.withSigma(2, 0.1).sigma(2), 0);
        assertEquals(0.6, m.withSigma(2, 0.6).sigma(2), 0);
        assertEquals(m, m.withSigma(4, 0.3));
    }

    @Test
    void drawnCurvePassesThroughItsPointsAndNeverOvershoots() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            DrawnShiftCurve c = DrawnShiftCurve.identity();
            for (int p = 0; p < 1 + random.nextInt(8); p++) {
                c = c.withPointAdded(random.nextDouble(), random.nextDouble());
            }
            for (int i = 0; i < c.size(); i++) {
                assertEquals(c.y(i), c.apply(c.x(i)), 1e-12);
            }
            for (int k = 0; k + 1 < c.size(); k++) {
                double last = c.y(k);
                for (int s = 1; s <= 50; s++) {
                    double g = c.apply(c.x(k) + (c.x(k + 1) - c.x(k)) * s / 50);
                    assertTrue(g >= last - 1e-12 && g <= c.y(k + 1) + 1e-12, "trial " + trial);
                    last = g;
                }
            }
        }
    }

    @Test
    void drawnCurveEditsKeepOrder() {
        DrawnShiftCurve c = DrawnShiftCurve.identity().withPointAdded(0.3, 0.6).withPointAdded(0.7, 0.8);
        assertEquals(4, c.size());
        DrawnShiftCurve moved = c.withPointMoved(1, 0.9, 0.95);
        assertEquals(0.7 - DrawnShiftCurve.MIN_GAP, moved.x(1), 1e-12);
        assertEquals(0.8, moved.y(1), 1e-12);
        assertEquals(c, c.withPointMoved(0, 0.5, 0.5));
        assertEquals(3, c.withPointRemoved(1).size());
        assertEquals(c, c.withPointRemoved(0));
        assertEquals(1, c.pointNear(0.31, 0.59, 0.05));
        assertEquals(-1, c.pointNear(0.5, 0.2, 0.05));
        DrawnShiftCurve line = DrawnShiftCurve.identity();
        for (double u = 0; u <= 1; u += 0.1) {
            assertEquals(u, line.apply(u), 1e-12);
        }
    }

    @Test
    void curveSetupTakesTheManualListsStepCount() {
        CurveSetup s = new CurveSetup("m", ManualSchedule.parse("1, 0.5, 0"), GridConvention.WAN_UNIPC, 50, true);
        assertEquals(2, s.steps());
        assertEquals(2, s.grid().steps());
        assertEquals("steps", assertThrows(InvalidParameterException.class,
                () -> new CurveSetup("x", new FlowShiftCurve(1), GridConvention.WAN_UNIPC, 0, true)).field());
    }

    @Test
    void plotDataOfACurveAndOfAStepSchedule() {
        CurvePlotData curve = CurvePlotData.of(new CurveSetup("a", new FlowShiftCurve(3), GridConvention.EULER_SIGMAS,
                10, true));
        assertEquals(CurvePlotData.CURVE_SAMPLES, curve.g().length);
        assertEquals(3, curve.slope()[0], 1e-5);
        assertEquals(11, curve.stepFraction().length);
        assertEquals(10, curve.stepSizes().length);
        CurvePlotData lq = CurvePlotData.of(new CurveSetup("b", new LinearQuadraticSchedule(0.025, 0),
                GridConvention.EULER_SIGMAS, 10, true));
        assertEquals(0, lq.slope().length);
        assertEquals(11, lq.g().length);
        assertEquals(1, lq.u()[0], 0);
    }
}
