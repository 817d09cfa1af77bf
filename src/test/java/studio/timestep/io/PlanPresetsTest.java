package studio.timestep.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.PlanValidator;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;

class PlanPresetsTest {
    @TempDir
    Path dir;

    @Test
    void everyTemplateHasAShippedPresetThatBuildsAValidPlan() {
        List<String> problems = new ArrayList<>();
        List<PlanPresets.PlanPreset> presets = PlanPresets.list(Path.of("presets/plans"), problems);
        assertTrue(problems.isEmpty(), problems.toString());
        Set<PlanTemplate> covered = presets.stream().map(PlanPresets.PlanPreset::template).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(PlanTemplate.class), covered);
        for (PlanPresets.PlanPreset p : presets) {
            TimestepPlan plan = p.template().build(p.parameters(),
                    new FlowShiftCurve(5).sigmaGrid(30, GridConvention.WAN_UNIPC));
            assertTrue(PlanValidator.validate(plan, 0).isEmpty(), p.name());
        }
    }

    @Test
    void roundTripAndBadParameterNamed() throws Exception {
        Path file = dir.resolve("p.json");
        PlanPresets.PlanPreset preset = new PlanPresets.PlanPreset("fifo 3", PlanTemplate.FIFO, Map.of("frames", 6, "lag", 3));
        PlanPresets.write(file, preset);
        assertEquals(preset, PlanPresets.read(file));
        Files.writeString(file, Files.readString(file).replace("\"lag\" : 3", "\"lag\" : 0"));
        FileFormatException e = assertThrows(FileFormatException.class, () -> PlanPresets.read(file));
        assertTrue(e.getMessage().contains("parameters.lag: must be in [1, 1000]"), e.getMessage());
    }
}
