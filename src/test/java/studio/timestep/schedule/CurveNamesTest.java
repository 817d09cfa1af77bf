package studio.timestep.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CurveNamesTest {
    private static CurveSetup curve(String name, StepSchedule s, int steps) {
        return new CurveSetup(name, s, GridConvention.WAN_UNIPC, steps, true);
    }

    @Test
    void aNameThatStatesAParameterFollowsIt() {
        CurveSetup wan = curve("Wan2.1 T2V (shift 5)", new FlowShiftCurve(5), 50);
        assertEquals("Wan2.1 T2V (shift 11)", wan.withSchedule(new FlowShiftCurve(11)).name());
        assertEquals("Wan2.1 T2V (shift 7.5)", wan.withSchedule(new FlowShiftCurve(7.5)).name());
        CurveSetup hunyuan = curve("HunyuanVideo (shift 7, 50 steps)", new FlowShiftCurve(7), 50);
        assertEquals("HunyuanVideo (shift 7, 30 steps)", hunyuan.withSteps(30).name());
        assertEquals("Lorentz s=5", curve("Lorentz s=3", new LorentzShiftCurve(3), 50)
                .withSchedule(new LorentzShiftCurve(5)).name());
        assertEquals("my curve", curve("my curve", new FlowShiftCurve(5), 50).withSchedule(new FlowShiftCurve(2)).name());
        assertEquals("shift 7 vs shift 3", curve("shift 7 vs shift 5", new FlowShiftCurve(5), 50)
                .withSchedule(new FlowShiftCurve(3)).name(), "only the stated value that equals the old one changes");
    }

    @Test
    void switchingToDrawnStartsFromTheCurrentShape() {
        FlowShiftCurve flow = new FlowShiftCurve(5);
        DrawnShiftCurve drawn = (DrawnShiftCurve) ScheduleFactory.switchTo(DrawnShiftCurve.TYPE, flow);
        for (double x : ScheduleFactory.DRAWN_FROM_X) {
            assertEquals(flow.apply(x), drawn.apply(x), 1e-12, "passes through the flow curve at " + x);
        }
        assertTrue(Math.abs(drawn.apply(0.3) - flow.apply(0.3)) < 0.02, "and stays close between its points");
        assertEquals(flow, ScheduleFactory.switchTo(FlowShiftCurve.TYPE, flow), "the same type keeps the curve");
        assertTrue(ScheduleFactory.switchTo(LorentzShiftCurve.TYPE, flow) instanceof LorentzShiftCurve);
    }
}
