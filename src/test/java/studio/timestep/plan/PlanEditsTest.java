package studio.timestep.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanEditsTest {
    private final TimestepPlan t2v = PlanTemplate.T2V.build(Map.of("frames", 6), PlanTemplateTest.linear(4));

    @Test
    void paintSetsADisc() {
        TimestepPlan p = PlanEdits.paint(t2v, 2, 2, 1, 0.1);
        assertEquals(0.1, p.sigma(2, 2));
        assertEquals(0.1, p.sigma(1, 2));
        assertEquals(0.1, p.sigma(2, 3));
        assertEquals(t2v.sigma(1, 1), p.sigma(1, 1), "corners lie outside the radius");
        assertEquals(1.0, PlanEdits.paint(t2v, 0, 0, 0, 7).sigma(0, 0), "levels are clamped");
    }

    @Test
    void fillAndSmooth() {
        TimestepPlan row = PlanEdits.fillRow(t2v, 1, 0.3);
        for (int f = 0; f < 6; f++) {
            assertEquals(0.3, row.sigma(1, f));
        }
        TimestepPlan column = PlanEdits.fillColumn(t2v, 4, 0);
        for (int r = 0; r < 4; r++) {
            assertEquals(0, column.sigma(r, 4));
        }
        TimestepPlan smooth = PlanEdits.smooth(column, 0, 1, 0, 6);
        assertEquals((1 + 2 * 0 + 1) / 4.0, smooth.sigma(0, 4), 1e-12);
        assertEquals((1 + 2 + 0) / 4.0, smooth.sigma(0, 3), 1e-12);
        assertEquals(1, smooth.sigma(0, 5), "the ends are held");
    }

    @Test
    void shiftDelaysFramesAndAddsRows() {
        TimestepPlan p = PlanEdits.shiftFrames(t2v, 3, 6, 2);
        assertEquals(6, p.rows());
        assertEquals(t2v.sigma(0, 3), p.sigma(1, 3));
        assertEquals(t2v.sigma(0, 3), p.sigma(2, 3));
        assertEquals(t2v.sigma(3, 4), p.sigma(5, 4));
        assertEquals(0, p.sigma(5, 0), "unshifted frames hold their final level");
        assertTrue(PlanValidator.validate(p, 0).isEmpty(), PlanValidator.validate(p, 0).toString());
        TimestepPlan back = PlanEdits.shiftFrames(t2v, 0, 2, -1);
        assertEquals(t2v.sigma(2, 0), back.sigma(1, 0));
        assertEquals(0, back.sigma(3, 0));
    }

    @Test
    void rolesAndWindows() {
        TimestepPlan p = PlanEdits.setRole(t2v, List.of(0, 5), FrameRole.clean(FrameSource.image("x.png")));
        assertEquals(0, p.sigma(0, 0));
        assertEquals(0, p.sigma(0, 5));
        assertTrue(p.role(5).isCondition());
        TimestepPlan w = PlanEdits.moveWindowEdge(t2v, 0, 4, true, 3);
        assertEquals(3, w.windowEnd(2));
        TimestepPlan w2 = PlanEdits.moveWindowEdge(w, 0, 4, false, 5);
        assertEquals(3, w2.windowStart(2), "start never passes the end");
    }
}
