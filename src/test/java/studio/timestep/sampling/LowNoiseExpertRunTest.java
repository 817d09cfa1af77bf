package studio.timestep.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.model.AnalyticFlowModel;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.MovingShapeClips;
import studio.timestep.model.Prompt;
import studio.timestep.model.VelocityModel;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.SigmaGrid;

/** A two-expert model (Wan2.2 A14B): the low-noise expert takes the rows below the boundary, as diffusers WanPipeline switches. */
class LowNoiseExpertRunTest {
    private static final SigmaGrid GRID = new FlowShiftCurve(3).sigmaGrid(12, GridConvention.EULER_SIGMAS);
    private static final TimestepPlan PLAN = PlanTemplate.T2V.build(Map.of("frames", 4), GRID);

    /** Delegates, and writes down the level of the first frame of every call. */
    private static final class Recording extends DelegatingModel {
        final List<Double> levels = new ArrayList<>();

        Recording(VelocityModel model) {
            super(model);
        }

        @Override
        public List<INDArray> velocities(INDArray x, double[] sigmas, int windowStart, int windowEnd, List<Prompt> prompts) {
            levels.add(sigmas[0]);
            return super.velocities(x, sigmas, windowStart, windowEnd, prompts);
        }
    }

    private static RunSettings settings(ExpertGuidance experts) {
        return new RunSettings(SamplerKind.EULER, 1, List.of(new Prompt.Text("red ball")), Prompt.NONE, 1, Path.of("."), experts);
    }

    private static AnalyticFlowModel model(long seed) {
        return new AnalyticFlowModel(MovingShapeClips.generate(24, 4, 8, seed));
    }

    @Test
    void rowsAtOrAboveTheBoundaryRunTheHighNoiseExpertTheRestTheLowNoiseOne() {
        Recording high = new Recording(model(7));
        Recording low = new Recording(model(8));
        LoadedModel loaded = LoadedModel.of(model(7));
        loaded = new LoadedModel(high, loaded.conditions(), loaded.preview()).withLowNoise(new LoadedModel.LowNoiseExpert(low, 0.5));
        SamplingRun run = new SamplingRun(PLAN, loaded, settings(null));
        run.run(e -> { });
        // the rule, counted on the grid itself: t = 1000·σ ≥ 500 is the high-noise expert's
        int highRows = 0;
        while (highRows < GRID.steps() && 1000 * GRID.sigmas()[highRows] >= 500) {
            highRows++;
        }
        assertTrue(highRows > 0 && highRows < GRID.steps(), "the boundary should fall inside the grid: " + highRows);
        assertEquals(highRows, run.lowNoiseFrom());
        assertEquals(highRows, high.levels.size());
        assertEquals(GRID.steps() - highRows, low.levels.size());
        assertTrue(high.levels.stream().allMatch(s -> s >= 0.5) && low.levels.stream().allMatch(s -> s < 0.5));
    }

    @Test
    void theRunsBoundaryOverridesThePipelinesAndNoneIsRefusedBeforeAnyRow() {
        LoadedModel base = LoadedModel.of(model(7));
        Recording low = new Recording(model(8));
        LoadedModel twoExperts = base.withLowNoise(new LoadedModel.LowNoiseExpert(low, 0.5));
        SamplingRun late = new SamplingRun(PLAN, twoExperts, settings(new ExpertGuidance(0.2, 1)));
        assertEquals(new ExpertGuidance(0.2, 1).switchRow(PLAN), late.lowNoiseFrom());
        assertTrue(late.lowNoiseFrom() > new ExpertGuidance(0.5, 1).switchRow(PLAN));

        LoadedModel noBoundary = base.withLowNoise(new LoadedModel.LowNoiseExpert(low, Double.NaN));
        SamplingException e = assertThrows(SamplingException.class, () -> new SamplingRun(PLAN, noBoundary, settings(null)));
        assertTrue(e.getMessage().contains("no boundary"), e.getMessage());
        assertTrue(low.levels.isEmpty());
    }
}
