package studio.timestep.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.LorentzShiftCurve;
import studio.timestep.schedule.ManualSchedule;
import studio.timestep.schedule.SigmaGrid;

class ScheduleExportFormatTest {
    private static final CurveSetup S11 = new CurveSetup("s11", new FlowShiftCurve(11), GridConvention.EULER_SIGMAS, 20, true);

    @Test
    void jsonCarriesCurveConventionAndTheWholeGrid() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ScheduleExportFormat.JSON.render(S11));
        assertEquals("flow-shift", json.get("curve").get("type").asText());
        assertEquals(11.0, json.get("curve").get("shift").asDouble());
        assertEquals("euler-sigmas", json.get("convention").asText());
        assertEquals(20, json.get("steps").asInt());
        assertEquals(21, json.get("sigmas").size());
        assertEquals(20, json.get("timesteps").size());
        SigmaGrid grid = S11.grid();
        for (int i = 0; i <= 20; i++) {
            assertEquals(grid.sigma(i), json.get("sigmas").get(i).asDouble(), 0);
        }
        assertEquals(grid, SigmaListFiles.parse(ScheduleExportFormat.JSON.render(S11))
                .sigmaGrid(20, GridConvention.EULER_SIGMAS));
    }

    @Test
    void csvRoundTripsEveryValue() {
        String[] lines = ScheduleExportFormat.CSV.render(S11).split("\n");
        assertEquals("step,sigma,timestep,delta_sigma", lines[0]);
        assertEquals(22, lines.length);
        SigmaGrid grid = S11.grid();
        for (int i = 0; i < 20; i++) {
            String[] f = lines[i + 1].split(",");
            assertEquals(i, Integer.parseInt(f[0]));
            assertEquals(grid.sigma(i), Double.parseDouble(f[1]), 0);
            assertEquals(grid.timestep(i), Double.parseDouble(f[2]), 0);
            assertEquals(grid.stepSize(i), Double.parseDouble(f[3]), 0);
        }
        assertEquals("20,0.0,,", lines[21]);
    }

    @Test
    void comfyStringIsFixedPointAndReadableByManualSigmasAndCustomSigmas() {
        CurveSetup tiny = new CurveSetup("t", ManualSchedule.parse("1, 0.5, 0.00012345, 0.0000004"),
                GridConvention.EULER_SIGMAS, 3, true);
        for (CurveSetup setup : List.of(S11, tiny)) {
            String text = ScheduleExportFormat.COMFYUI.render(setup).trim();
            assertFalse(text.contains("e") || text.contains("E"), text);
            SigmaGrid grid = setup.grid();
            // ComfyUI ManualSigmas: re.findall(r"[-+]?(?:\d*\.*\d+)", s)
            Matcher m = Pattern.compile("[-+]?(?:\\d*\\.*\\d+)").matcher(text);
            List<Double> regexValues = new ArrayList<>();
            while (m.find()) {
                regexValues.add(Double.parseDouble(m.group()));
            }
            // KJNodes CustomSigmas: s.split(", ")
            String[] split = text.split(", ");
            assertEquals(grid.sigmas().length, regexValues.size());
            assertEquals(grid.sigmas().length, split.length);
            for (int i = 0; i < split.length; i++) {
                assertEquals(grid.sigma(i), regexValues.get(i), 5e-7);
                assertEquals(grid.sigma(i), Double.parseDouble(split[i]), 5e-7);
            }
        }
        assertEquals("1, 0.5, 0.000123, 0", ScheduleExportFormat.COMFYUI.render(
                new CurveSetup("t", ManualSchedule.parse("1, 0.5, 0.00012345"), GridConvention.EULER_SIGMAS, 3, true)).trim());
    }

    @Test
    void diffusersSnippetPassesTheNSigmasWithShiftOne() {
        String py = ScheduleExportFormat.DIFFUSERS.render(S11);
        assertTrue(py.contains("shift=1.0"), py);
        Matcher m = Pattern.compile("sigmas = \\[(.*)]").matcher(py);
        assertTrue(m.find());
        String[] values = m.group(1).split(", ");
        assertEquals(20, values.length);
        assertEquals(S11.grid().sigma(19), Double.parseDouble(values[19]), 0);
    }

    @Test
    void aUniPcCurveExportsWhatDiffusersUniPcAccepts() {
        String flow = ScheduleExportFormat.DIFFUSERS.render(new CurveSetup("w", new FlowShiftCurve(5),
                GridConvention.DIFFUSERS_UNIPC, 50, true));
        assertTrue(flow.contains("UniPCMultistepScheduler.from_config(") && flow.contains("flow_shift=5.0")
                && flow.contains("num_inference_steps=50") && !flow.contains("sigmas = ["), flow);
        String lorentz = ScheduleExportFormat.DIFFUSERS.render(new CurveSetup("w", new LorentzShiftCurve(5),
                GridConvention.WAN_UNIPC, 50, true));
        assertTrue(lorentz.contains("takes no custom sigmas") && lorentz.contains("the solver is Euler, not UniPC")
                && lorentz.contains("FlowMatchEulerDiscreteScheduler"), lorentz);
        assertTrue(!ScheduleExportFormat.DIFFUSERS.render(S11).contains("UniPC"), "an Euler grid says nothing of UniPC");
    }

    @Test
    void wanArgumentsOnlyForAFlowShiftUnderWansOwnConventions() {
        assertEquals("--sample_solver unipc --sample_steps 50 --sample_shift 5\n", ScheduleExportFormat.WAN.render(
                new CurveSetup("w", new FlowShiftCurve(5), GridConvention.WAN_UNIPC, 50, true)));
        assertEquals("--sample_solver dpm++ --sample_steps 20 --sample_shift 11\n", ScheduleExportFormat.WAN.render(S11));
        assertThrows(InvalidParameterException.class, () -> ScheduleExportFormat.WAN.render(
                new CurveSetup("w", new FlowShiftCurve(5), GridConvention.DIFFUSERS_EULER, 50, true)));
        assertThrows(InvalidParameterException.class, () -> ScheduleExportFormat.WAN.render(
                new CurveSetup("w", new LorentzShiftCurve(5), GridConvention.WAN_UNIPC, 50, true)));
    }
}
