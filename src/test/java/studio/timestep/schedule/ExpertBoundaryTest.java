package studio.timestep.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import studio.timestep.io.ScheduleExportFormat;

/** The splits Wan2.2 users ask about, on the official UniPC grid (Wan's FlowUniPC: t = ⌊1000σ⌋). */
class ExpertBoundaryTest {
    private static int high(double boundary, double shift, int steps) {
        return new ExpertBoundary(boundary).highSteps(new FlowShiftCurve(shift).sigmaGrid(steps, GridConvention.WAN_UNIPC));
    }

    @Test
    void officialPresetsSplitAsWan22Does() {
        assertEquals(26, high(0.875, 12, 40), "T2V-A14B, 40 steps, shift 12: 26 high + 14 low");
        assertEquals(15, high(0.900, 5, 40), "I2V-A14B, 40 steps, shift 5: 15 high + 25 low");
        assertEquals(13, high(0.875, 12, 20), "T2V at 20 steps: 13 + 7");
        assertEquals(4, high(0.875, 5, 8), "8 steps at shift 5: T2V 4 + 4");
        assertEquals(3, high(0.900, 5, 8), "I2V 3 + 5");
        assertEquals(2, high(0.900, 5, 4), "I2V 4 steps at shift 5: 2 + 2");
    }

    @Test
    void theEndsOfTheRange() {
        SigmaGrid g = new FlowShiftCurve(5).sigmaGrid(10, GridConvention.WAN_UNIPC);
        assertEquals(10, new ExpertBoundary(0).highSteps(g), "boundary 0: the high-noise expert throughout");
        assertEquals(0, new ExpertBoundary(1).highSteps(g), "boundary 1: t = 999 at most, the low-noise expert throughout");
        assertThrows(IllegalArgumentException.class, () -> new ExpertBoundary(1.5));
    }

    @Test
    void jsonAndCsvExportsSayTheSplit() throws Exception {
        CurveSetup i2v = new CurveSetup("i2v", new FlowShiftCurve(5), GridConvention.WAN_UNIPC, 40, true);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                ScheduleExportFormat.JSON.render(i2v, ExpertBoundary.I2V_A14B));
        assertEquals(0.9, json.get("boundary").get("value").asDouble());
        assertEquals(15, json.get("boundary").get("high_steps").asInt());
        assertEquals(25, json.get("boundary").get("low_steps").asInt());
        var csv = ScheduleExportFormat.CSV.render(i2v, ExpertBoundary.I2V_A14B).lines().toList();
        assertEquals("step,sigma,timestep,delta_sigma,expert", csv.get(0));
        assertEquals("high", csv.get(15).substring(csv.get(15).lastIndexOf(',') + 1), "step 14");
        assertEquals("low", csv.get(16).substring(csv.get(16).lastIndexOf(',') + 1), "step 15");
    }
}
