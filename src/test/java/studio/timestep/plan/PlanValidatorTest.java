package studio.timestep.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.timestep.schedule.SigmaGrid;

class PlanValidatorTest {
    private final SigmaGrid grid = PlanTemplateTest.linear(4);
    private final TimestepPlan t2v = PlanTemplate.T2V.build(Map.of("frames", 4), grid);

    private static PlanProblem only(List<PlanProblem> problems) {
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void aValidPlanHasNoProblems() {
        assertTrue(PlanValidator.validate(t2v, 4).isEmpty());
    }

    @Test
    void levelOutsideTheUnitInterval() {
        TimestepPlan p = t2v.withLevels(new int[] {2 * 4 + 1}, 1.5);
        List<PlanProblem> problems = PlanValidator.validate(p, 0);
        assertTrue(problems.stream().anyMatch(x -> x.row() == 2 && x.frame() == 1 && x.message().contains("outside [0, 1]")),
                problems.toString());
    }

    @Test
    void risingLevel() {
        TimestepPlan p = t2v.withLevels(new int[] {3 * 4 + 2}, 0.9);
        PlanProblem problem = PlanValidator.validate(p, 0).stream().filter(x -> x.message().contains("rises")).findFirst()
                .orElseThrow();
        assertEquals(2, problem.row());
        assertEquals(2, problem.frame());
        assertEquals("row 2, frame 2", problem.location());
    }

    @Test
    void movingOutsideTheWindow() {
        TimestepPlan p = t2v.withWindow(1, 0, 2);
        List<PlanProblem> problems = PlanValidator.validate(p, 0);
        assertEquals(2, problems.size());
        assertTrue(problems.stream().allMatch(x -> x.row() == 1 && x.frame() >= 2 && x.message().contains("window [0, 2)")));
    }

    @Test
    void conditionWithoutSourceAndNotHeldClean() {
        TimestepPlan p = t2v.withRole(3, FrameRole.clean(null));
        List<PlanProblem> problems = PlanValidator.validate(p, 0);
        assertTrue(problems.stream().anyMatch(x -> x.row() == -1 && x.frame() == 3 && x.message().contains("without a source")));
        assertTrue(problems.stream().anyMatch(x -> x.row() == 0 && x.frame() == 3 && x.message().contains("must be 0")));
        TimestepPlan fixed = PlanEdits.setRole(t2v, List.of(3), FrameRole.clean(FrameSource.image("a.png")));
        assertTrue(PlanValidator.validate(fixed, 0).isEmpty(), PlanValidator.validate(fixed, 0).toString());
    }

    @Test
    void windowWiderThanTheModel() {
        PlanProblem p = only(PlanValidator.validate(PlanTemplate.T2V.build(Map.of("frames", 6), PlanTemplateTest.linear(1)), 4));
        assertEquals(0, p.row());
        assertEquals(-1, p.frame());
        assertTrue(p.message().contains("at most 4"));
    }

    @Test
    void stageBoundariesMayRenoise() {
        TimestepPlan p = PlanTemplate.UPSCALE_REFINE.build(Map.of("frames", 2, "strength", 0.5), grid);
        assertEquals(4 + 2, p.rows());
        assertTrue(PlanValidator.validate(p, 0).isEmpty(), PlanValidator.validate(p, 0).toString());
    }
}
