package studio.timestep.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import studio.timestep.param.InvalidParameterException;

class ShiftCurveTest {

    private static double flow(double s, double u) {
        return s * u / (1 + (s - 1) * u);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1, 3, 7, 11, 17})
    void flowShiftFollowsFormulaAndSlopes(double s) {
        FlowShiftCurve c = new FlowShiftCurve(s);
        for (double u = 0; u <= 1; u += 0.05) {
            assertEquals(flow(s, u), c.apply(u), 1e-15);
        }
        assertEquals(s, c.slope(0), 1e-6 * s * s);
        assertEquals(1 / s, c.slope(1), 1e-6);
        assertEquals(s / Math.pow(1 + (s - 1) * 0.5, 2), c.slope(0.5), 1e-8);
    }

    @Test
    void flowShiftOneIsIdentity() {
        FlowShiftCurve c = new FlowShiftCurve(1);
        for (double u = 0; u <= 1; u += 0.1) {
            assertEquals(u, c.apply(u), 1e-15);
        }
    }

    @Test
    void dynamicShiftEqualsFlowShift() {
        DynamicShiftCurve exp = DynamicShiftCurve.ofMu(Math.log(7), TimeShift.EXPONENTIAL);
        DynamicShiftCurve lin = DynamicShiftCurve.ofMu(7, TimeShift.LINEAR);
        for (double u = 0; u <= 1; u += 0.05) {
            assertEquals(flow(7, u), exp.apply(u), 1e-12);
            assertEquals(flow(7, u), lin.apply(u), 1e-12);
        }
        // e^μ / (e^μ + (1/u - 1)) written out
        double mu = 1.3;
        assertEquals(Math.exp(mu) / (Math.exp(mu) + (1 / 0.3 - 1)),
                DynamicShiftCurve.ofMu(mu, TimeShift.EXPONENTIAL).apply(0.3), 1e-15);
    }

    @Test
    void calculateShiftAndWanSequenceLength() {
        assertEquals(0.5, DynamicShiftCurve.muForSequenceLength(256), 1e-12);
        assertEquals(1.15, DynamicShiftCurve.muForSequenceLength(4096), 1e-12);
        assertEquals(32760, DynamicShiftCurve.wanSequenceLength(81, 480, 832));
        assertEquals(2 * 2 * 2, DynamicShiftCurve.wanSequenceLength(5, 32, 32));
        assertEquals("frames", assertThrows(InvalidParameterException.class,
                () -> DynamicShiftCurve.wanSequenceLength(80, 480, 832)).field());
        assertEquals("width", assertThrows(InvalidParameterException.class,
                () -> DynamicShiftCurve.wanSequenceLength(81, 480, 830)).field());
        DynamicShiftCurve c = DynamicShiftCurve.ofSequenceLength(4096, TimeShift.EXPONENTIAL);
        assertEquals(flow(Math.exp(1.15), 0.4), c.apply(0.4), 1e-12);
    }

    @Test
    void lorentzSlopesHaveRatioShiftSquared() {
        LorentzShiftCurve c = new LorentzShiftCurve(7);
        double k = Math.sqrt(48);
        assertEquals(0.5 * (1 + Math.atan(k * (2 * 0.3 - 1)) / Math.atan(k)), c.apply(0.3), 1e-15);
        assertEquals(0, c.apply(0), 1e-15);
        assertEquals(1, c.apply(1), 1e-15);
        double centre = c.slope(0.5);
        double end = c.slope(0);
        assertEquals(k / Math.atan(k), centre, 1e-8);
        assertEquals(4.85, centre, 0.005);
        assertEquals(0.099, end, 0.0005);
        assertEquals(49, centre / end, 1e-5);
        assertEquals(end, c.slope(1), 1e-7);
    }

    @Test
    void lorentzShiftOneIsExactlyIdentity() {
        LorentzShiftCurve c = new LorentzShiftCurve(1);
        for (double u = 0; u <= 1; u += 0.1) {
            assertEquals(u, c.apply(u), 0);
        }
        assertEquals(0.3, new LorentzShiftCurve(1 + 1e-12).apply(0.3), 1e-9);
    }

    @Test
    void cdfCurvesFollowTheirFormula() {
        assertEquals(0.7804532125940016, new CdfShiftCurve(CdfFamily.GAUSSIAN, 1, 0.5).apply(0.75), 1e-9);
        assertEquals(0.7551309170140292, new CdfShiftCurve(CdfFamily.LOGISTIC, 2, 0.3).apply(0.6), 1e-12);
        CdfShiftCurve uniform = new CdfShiftCurve(CdfFamily.UNIFORM, 1, 0.5);
        for (double u = 0; u <= 1; u += 0.1) {
            assertEquals(u, uniform.apply(u), 1e-12);
        }
        // Lorentz CDF with centre ½: (F(k(2u-1)) - F(-k)) / (F(k) - F(-k)) = atan form of the seed
        CdfShiftCurve lorentz = new CdfShiftCurve(CdfFamily.LORENTZ, 4, 0.5);
        assertEquals(0.5 * (1 + Math.atan(4 * (2 * 0.2 - 1)) / Math.atan(4)), lorentz.apply(0.2), 1e-12);
    }

    @ParameterizedTest
    @EnumSource(CdfFamily.class)
    void everyCdfCurveIsMonotoneFromZeroToOne(CdfFamily family) {
        for (double k : new double[] {0.01, 1, 5, 50}) {
            for (double c : new double[] {0.2, 0.5, 0.9}) {
                CdfShiftCurve curve = new CdfShiftCurve(family, k, c);
                assertEquals(0, curve.apply(0), 1e-12);
                assertEquals(1, curve.apply(1), 1e-12);
                double last = 0;
                for (int i = 0; i <= 1000; i++) {
                    double g = curve.apply(i / 1000.0);
                    assertTrue(g >= last - 1e-15 && !Double.isNaN(g), family + " k=" + k + " c=" + c + " at " + i);
                    last = g;
                }
            }
        }
    }

    @Test
    void symmetricCdfIsPointSymmetric() {
        CdfShiftCurve c = new CdfShiftCurve(CdfFamily.SECH, 3, 0.5);
        for (double u = 0; u <= 1; u += 0.1) {
            assertEquals(1 - c.apply(u), c.apply(1 - u), 1e-12);
        }
    }

    @Test
    void parametersOutOfRangeAreRefusedWithTheirField() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new FlowShiftCurve(-1));
        assertEquals("shift", e.field());
        assertEquals("shift: must be in [0.01, 100], got -1", e.getMessage());
        assertThrows(InvalidParameterException.class, () -> new FlowShiftCurve(Double.NaN));
        assertThrows(InvalidParameterException.class, () -> new LorentzShiftCurve(0.5));
        assertEquals("center", assertThrows(InvalidParameterException.class,
                () -> new CdfShiftCurve(CdfFamily.LOGISTIC, 1, 1)).field());
        assertEquals("k", assertThrows(InvalidParameterException.class,
                () -> new CdfShiftCurve(CdfFamily.LOGISTIC, 0, 0.5)).field());
        assertEquals("mu", assertThrows(InvalidParameterException.class,
                () -> DynamicShiftCurve.ofMu(0, TimeShift.LINEAR)).field());
    }

    @Test
    void descriptionsRebuildEqualCurves() {
        List<StepSchedule> all = List.of(new FlowShiftCurve(5), DynamicShiftCurve.ofSequenceLength(1024, TimeShift.LINEAR),
                new LorentzShiftCurve(3), new CdfShiftCurve(CdfFamily.T2, 2.5, 0.4),
                DrawnShiftCurve.identity().withPointAdded(0.3, 0.6), new LinearQuadraticSchedule(0.03, 10),
                ManualSchedule.parse("1, 0.5, 0.2"), new TimestepListSchedule(new double[] {1000, 750, 500, 250}, 5),
                new TwoStageSchedule(0.9, 12, 15, 3, 25));
        for (StepSchedule s : all) {
            assertEquals(s, ScheduleFactory.fromDescription(s.describe()), s.label());
        }
        assertEquals(ScheduleFactory.TYPES.size(), all.size());
    }

    @Test
    void editingOneParameterKeepsTheOthersConsistent() {
        StepSchedule fromTokens = ScheduleFactory.withParameter(DynamicShiftCurve.ofMu(0.7, TimeShift.EXPONENTIAL),
                "wan-video", "81x480x832");
        assertEquals(DynamicShiftCurve.ofSequenceLength(32760, TimeShift.EXPONENTIAL), fromTokens);
        assertEquals(DynamicShiftCurve.ofMu(0.2, TimeShift.EXPONENTIAL), ScheduleFactory.withParameter(fromTokens, "mu", 0.2));
        assertEquals(DynamicShiftCurve.ofMu(1, TimeShift.LINEAR),
                ScheduleFactory.withParameter(DynamicShiftCurve.ofMu(-2, TimeShift.EXPONENTIAL), "time-shift", "linear"));
        assertEquals(new FlowShiftCurve(7), ScheduleFactory.withParameter(new FlowShiftCurve(5), "shift", 7.0));
        assertEquals("shift", assertThrows(InvalidParameterException.class,
                () -> ScheduleFactory.withParameter(new FlowShiftCurve(5), "shift", -1.0)).field());
    }
}
