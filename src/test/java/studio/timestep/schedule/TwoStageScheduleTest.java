package studio.timestep.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import studio.timestep.param.InvalidParameterException;

class TwoStageScheduleTest {
    static final TwoStageSchedule S = new TwoStageSchedule(0.875, 12, 4, 3, 3);

    @Test
    void eachStageIsAFlowShiftMappedOntoItsRangeMeetingAtTheSplit() {
        SigmaGrid g = S.sigmaGrid(50, GridConvention.EULER_SIGMAS);
        double f12 = 12 * 0.75 / (1 + 11 * 0.75);
        double[] expected = {1, 0.875 + 0.125 * f12, 0.875 + 0.125 * (12 * 0.5 / (1 + 11 * 0.5)),
            0.875 + 0.125 * (12 * 0.25 / (1 + 11 * 0.25)), 0.875, 0.875 * (3 * (2.0 / 3) / (1 + 2 * (2.0 / 3))),
            0.875 * (3 * (1.0 / 3) / (1 + 2 * (1.0 / 3))), 0};
        assertEquals(7, g.steps(), "the stages fix the step count");
        for (int i = 0; i <= 7; i++) {
            assertEquals(expected[i], g.sigma(i), 1e-12, "sigma " + i);
        }
        assertEquals(7, S.fixedSteps().getAsInt());
    }

    @Test
    void wan22sRuleGivesTheHighExpertTheStepThatStartsAtTheSplit() {
        SigmaGrid g = S.sigmaGrid(7, GridConvention.EULER_SIGMAS);
        assertEquals(5, new ExpertBoundary(0.875).highSteps(g));
        assertEquals(4, new ExpertBoundary(0.8751).highSteps(g));
    }

    @Test
    void itRoundTripsThroughItsDescriptionAndRefusesASplitOutsideTheOpenInterval() {
        assertEquals(S, ScheduleFactory.fromDescription(S.describe()));
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new TwoStageSchedule(1, 5, 2, 5, 2));
        assertEquals("split", e.field());
        e = assertThrows(InvalidParameterException.class, () -> new TwoStageSchedule(0.5, 5, 0, 5, 2));
        assertEquals("high-steps", e.field());
        assertTrue(ScheduleFactory.TYPES.contains(TwoStageSchedule.TYPE));
    }
}
