package studio.timestep.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.timestep.model.Prompt;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.sampling.RunSettings;
import studio.timestep.sampling.SamplerKind;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.LorentzShiftCurve;

class RunLabelsTest {
    static final ModelSource CLIPS = new ModelSource.EmbeddedClips(8, 8, null);

    static RunSettings settings(SamplerKind sampler, long seed) {
        return new RunSettings(sampler, 5, List.of(new Prompt.Text("red ball")), new Prompt.Text("blue"), seed, Path.of("."));
    }

    static RunRequest request(PlanTemplate template, Map<String, Object> values, CurveSetup base, RunSettings settings) {
        TimestepPlan plan = template.build(values, base.grid());
        return new RunRequest(plan, new PlanOrigin(template.id(), base), CLIPS, settings);
    }

    static CurveSetup flow(double shift, int steps) {
        return new CurveSetup("c", new FlowShiftCurve(shift), GridConvention.EULER_SIGMAS, steps, true);
    }

    @Test
    void runsBesideEachOtherAreLabelledByWhatSetsThemApart() {
        RunRequest t2v = request(PlanTemplate.T2V, Map.of("frames", 8), flow(5, 20), settings(SamplerKind.EULER, 1));
        RunRequest fifo = request(PlanTemplate.FIFO, Map.of("frames", 8), flow(5, 20), settings(SamplerKind.EULER, 1));
        List<String> labels = RunLabels.of(List.of(t2v.traits(), fifo.traits()));
        assertNotEquals(labels.get(0), labels.get(1), "a FIFO run and a t2v run overlaid do not share a legend");
        assertEquals("t2v", labels.get(0).split(", ")[0]);
        assertEquals("fifo", labels.get(1).split(", ")[0]);
    }

    @Test
    void aLabelNamesEveryDifferenceAndNothingElse() {
        RunRequest a = request(PlanTemplate.T2V, Map.of("frames", 4), flow(3, 10), settings(SamplerKind.EULER, 1));
        RunRequest b = request(PlanTemplate.T2V, Map.of("frames", 4), flow(7, 10), settings(SamplerKind.UNIPC, 2));
        assertEquals(List.of("shift=3, euler, seed=1", "shift=7, unipc, seed=2"),
                RunLabels.of(List.of(a.traits(), b.traits())));
        CurveSetup lorentz = new CurveSetup("c", new LorentzShiftCurve(3), GridConvention.EULER_SIGMAS, 10, true);
        RunRequest c = request(PlanTemplate.T2V, Map.of("frames", 4), lorentz, settings(SamplerKind.EULER, 1));
        assertEquals(List.of("flow shift, shift=3", "Lorentz s=3"), RunLabels.of(List.of(a.traits(), c.traits())));
    }

    @Test
    void aRunAloneOrRunsThatDifferInNothingGetTheSummary() {
        RunRequest a = request(PlanTemplate.T2V, Map.of("frames", 4), flow(3, 10), settings(SamplerKind.EULER, 1));
        String alone = "t2v, flow shift, steps=10, shift=3, frames=4, euler";
        assertEquals(alone, RunLabels.of(a.traits()));
        assertEquals(List.of(alone, alone), RunLabels.of(List.of(a.traits(), a.traits())));
    }
}
