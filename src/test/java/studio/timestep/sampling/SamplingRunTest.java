package studio.timestep.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import studio.timestep.model.AnalyticFlowModel;
import studio.timestep.model.ClipCollection;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.MovingShapeClips;
import studio.timestep.model.Prompt;
import studio.timestep.model.PromptPrior;
import studio.timestep.model.VelocityModel;
import studio.timestep.plan.FrameRole;
import studio.timestep.plan.FrameSource;
import studio.timestep.plan.PlanEdits;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.schedule.ExpertBoundary;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.SigmaGrid;

class SamplingRunTest {
    private static final ClipCollection CLIPS = MovingShapeClips.generate(24, 4, 8, 7);
    private static final AnalyticFlowModel MODEL = new AnalyticFlowModel(CLIPS);
    private static final LoadedModel LOADED = LoadedModel.of(MODEL);
    private static final SigmaGrid GRID = new FlowShiftCurve(3).sigmaGrid(12, GridConvention.EULER_SIGMAS);

    private static RunSettings settings(SamplerKind sampler, double guidance, long seed) {
        return new RunSettings(sampler, guidance, List.of(new Prompt.Text("red ball")), new Prompt.Text("blue"), seed,
                Path.of("."));
    }

    @Test
    void synchronousEulerEqualsTheClassicSamplerBitForBit() {
        TimestepPlan plan = PlanTemplate.T2V.build(Map.of("frames", 4), GRID);
        SamplingRun.Result result = new SamplingRun(plan, LOADED, settings(SamplerKind.EULER, 1, 5)).run(e -> { });
        Nd4j.getRandom().setSeed(5);
        INDArray noise = Nd4j.randn(DataType.FLOAT, 4, CLIPS.frameSize()).reshape(4, 3, 8, 8);
        INDArray classic = EulerFlowSampler.sample(MODEL, noise, GRID.sigmas(), new Prompt.Text("red ball"));
        assertArrayEquals(classic.data().asFloat(), result.x().data().asFloat());
    }

    @Test
    void aRunFreesTheVelocitiesOnlyItReadsAndKeepsWhatItHandsOn() {
        List<List<INDArray>> returned = new ArrayList<>();
        VelocityModel keeping = new DelegatingModel(MODEL) {
            @Override
            public List<INDArray> velocities(INDArray x, double[] sigmas, int start, int end, List<Prompt> prompts) {
                List<INDArray> v = super.velocities(x, sigmas, start, end, prompts);
                returned.add(v);
                return v;
            }
        };
        TimestepPlan plan = PlanTemplate.T2V.build(Map.of("frames", 4), GRID);
        List<RowEvent> events = new ArrayList<>();
        SamplingRun.Result result = new SamplingRun(plan, new LoadedModel(keeping, LOADED.conditions(), LOADED.preview()),
                settings(SamplerKind.EULER, 5, 5))
                .run(events::add);
        SamplingRun.Result fresh = new SamplingRun(plan, LOADED, settings(SamplerKind.EULER, 5, 5)).run(e -> { });
        assertEquals(plan.rows(), returned.size());
        for (int r = 0; r < returned.size(); r++) {
            assertTrue(returned.get(r).get(1).wasClosed(), "row " + r + ": the negative prompt's velocity is freed");
            // the conditional velocity is read once more, by the next row's L1
            assertEquals(r < returned.size() - 1, returned.get(r).get(0).wasClosed(), "row " + r + ": the conditional velocity");
            RowEvent e = events.get(r);
            for (INDArray handedOn : List.of(e.x(), e.x0(), e.input())) {
                assertFalse(handedOn.wasClosed(), "row " + r + ": what the listener gets stays");
            }
        }
        assertArrayEquals(fresh.x().data().asFloat(), result.x().data().asFloat());
        assertArrayEquals(fresh.x().data().asFloat(), events.get(events.size() - 1).x().dup().data().asFloat());
    }

    @Test
    void analyticDenoisedMatchesADirectPerClipComputation() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, 8, 8);
        double[] sigma = {0.9, 0.5, 0.2, 0.05};
        INDArray x0 = MODEL.denoised(x, sigma, "red");
        double[] prior = PromptPrior.logPrior("red", CLIPS.captions());
        double[] logw = new double[CLIPS.size()];
        float[] xs = x.reshape(4 * CLIPS.frameSize()).data().asFloat();
        for (int i = 0; i < CLIPS.size(); i++) {
            float[] c = CLIPS.clips().getRow(i).data().asFloat();
            double sum = 0;
            for (int f = 0; f < 4; f++) {
                for (long k = 0; k < CLIPS.frameSize(); k++) {
                    int at = (int) (f * CLIPS.frameSize() + k);
                    double diff = xs[at] - (1 - sigma[f]) * c[at];
                    sum += diff * diff / (2 * sigma[f] * sigma[f]);
                }
            }
            logw[i] = prior[i] - sum;
        }
        double max = Arrays.stream(logw).max().orElseThrow();
        double total = Arrays.stream(logw).map(v -> Math.exp(v - max)).sum();
        float[] got = x0.reshape(4 * CLIPS.frameSize()).data().asFloat();
        for (int k = 0; k < got.length; k += 17) {
            double expected = 0;
            for (int i = 0; i < CLIPS.size(); i++) {
                expected += Math.exp(logw[i] - max) / total * CLIPS.clips().getDouble(i, k);
            }
            assertEquals(expected, got[k], 2e-4, "element " + k);
        }
    }

    @Test
    void withManyStepsTheModelReturnsAClipOfTheCollection() {
        SigmaGrid fine = new FlowShiftCurve(3).sigmaGrid(200, GridConvention.EULER_SIGMAS);
        TimestepPlan plan = PlanTemplate.T2V.build(Map.of("frames", 4), fine);
        INDArray x = new SamplingRun(plan, LOADED, settings(SamplerKind.EULER, 1, 11)).run(e -> { }).x().reshape(1,
                4 * CLIPS.frameSize());
        double best = Double.MAX_VALUE;
        for (int i = 0; i < CLIPS.size(); i++) {
            best = Math.min(best, x.sub(CLIPS.clips().getRow(i)).norm2Number().doubleValue());
        }
        assertTrue(best < 0.05 * CLIPS.clips().getRow(0).norm2Number().doubleValue(), "distance to the nearest clip " + best);
    }

    private static RunSettings withExperts(double guidance, ExpertGuidance experts) {
        RunSettings s = settings(SamplerKind.HEUN, guidance, 5);
        return new RunSettings(s.sampler(), s.guidance(), s.prompts(), s.negativePrompt(), s.seed(), s.sourceDir(), experts);
    }

    /** Each row takes its expert's guidance: all rows above the boundary are the high expert's run, all below the low's. */
    @Test
    void expertGuidanceFollowsTheRowsTimestep() {
        TimestepPlan plan = PlanTemplate.T2V.build(Map.of("frames", 4), GRID);
        float[] high = new SamplingRun(plan, LOADED, settings(SamplerKind.HEUN, 5, 5)).run(e -> { }).x().data().asFloat();
        float[] low = new SamplingRun(plan, LOADED, settings(SamplerKind.HEUN, 2, 5)).run(e -> { }).x().data().asFloat();
        float[] allHigh = new SamplingRun(plan, LOADED, withExperts(5, new ExpertGuidance(0, 2))).run(e -> { }).x().data().asFloat();
        float[] allLow = new SamplingRun(plan, LOADED, withExperts(5, new ExpertGuidance(1, 2))).run(e -> { }).x().data().asFloat();
        assertArrayEquals(high, allHigh);
        float[] lowButFirst = new SamplingRun(plan, LOADED, withExperts(5, new ExpertGuidance(0.999, 2))).run(e -> { }).x().data()
                .asFloat();
        assertFalse(Arrays.equals(low, lowButFirst), "the first row (σ = 1) is the high expert's");
        assertArrayEquals(low, new SamplingRun(plan, LOADED, withExperts(2, new ExpertGuidance(1, 2))).run(e -> { }).x().data()
                .asFloat());
        assertFalse(Arrays.equals(high, allLow));
        assertEquals(new ExpertBoundary(0.875).highSteps(GRID), new ExpertGuidance(0.875, 2).switchRow(plan),
                "the switch is where the curve editor's boundary splits the grid");
    }

    @Test
    void conditionFramesStayAtTheirSource() {
        TimestepPlan plan = PlanEdits.setRole(PlanTemplate.T2V.build(Map.of("frames", 4), GRID), List.of(0),
                FrameRole.clean(FrameSource.image("clip:5")));
        for (SamplerKind kind : SamplerKind.values()) {
            INDArray x = new SamplingRun(plan, LOADED, settings(kind, 4, 2)).run(e -> { }).x();
            INDArray frame0 = x.get(NDArrayIndex.point(0)).reshape(CLIPS.frameSize());
            INDArray source = CLIPS.clip(5).get(NDArrayIndex.point(0)).reshape(CLIPS.frameSize());
            assertEquals(0, frame0.sub(source).amaxNumber().doubleValue(), 0, kind.id());
        }
    }

    @Test
    void theX0EstimateOfAFixedLevelConditionUsesTheLevelTheModelSaw() {
        TimestepPlan plan = PlanEdits.setRole(PlanTemplate.T2V.build(Map.of("frames", 4), GRID), List.of(0),
                FrameRole.fixedLevel(0.5, FrameSource.image("clip:5")));
        List<RowEvent> events = new ArrayList<>();
        new SamplingRun(plan, LOADED, settings(SamplerKind.HEUN, 1, 4)).run(events::add);
        INDArray source = CLIPS.clip(5).get(NDArrayIndex.point(0)).reshape(CLIPS.frameSize());
        INDArray estimate = events.get(6).x0().get(NDArrayIndex.point(0)).reshape(CLIPS.frameSize());
        double error = estimate.sub(source).norm2Number().doubleValue() / source.norm2Number().doubleValue();
        assertTrue(error < 0.2, "x0 of the condition frame is its source, not its noised input: relative error " + error);
    }

    @Test
    void metricsFollowTheirDefinitions() {
        TimestepPlan plan = PlanTemplate.T2V.build(Map.of("frames", 4), GRID);
        List<RowEvent> events = new ArrayList<>();
        new SamplingRun(plan, LOADED, settings(SamplerKind.EULER, 3, 9)).run(events::add);
        assertEquals(12, events.size());
        for (int r = 1; r < events.size(); r++) {
            INDArray before = events.get(r - 1).x();
            INDArray after = events.get(r).x();
            double expected = after.sub(before).norm1Number().doubleValue() / before.norm1Number().doubleValue();
            assertEquals(expected, events.get(r).metrics().latentL1(), 1e-5 * Math.max(1, expected));
            assertEquals(1000 * GRID.sigma(r), events.get(r).metrics().timestep(), 1e-9);
        }
        assertTrue(Double.isNaN(events.get(0).metrics().condL1()));
        assertTrue(events.get(3).metrics().condL1() > 0);
        assertTrue(events.get(3).metrics().guidedL1() > 0);
        INDArray before = events.get(1).x().get(NDArrayIndex.point(1));
        INDArray after = events.get(2).x().get(NDArrayIndex.point(1));
        assertEquals(after.sub(before).norm1Number().doubleValue() / before.norm1Number().doubleValue(),
                events.get(2).metrics().latentL1PerFrame()[1], 1e-5, "per frame: the same formula on one frame");
    }

    @Test
    void theSameSeedGivesTheSameRunAndCancelKeepsWhatWasDone() {
        TimestepPlan plan = PlanTemplate.FIFO.build(Map.of("frames", 4, "lag", 2), GRID);
        SamplingRun.Result a = new SamplingRun(plan, LOADED, settings(SamplerKind.UNIPC, 5, 21)).run(e -> { });
        SamplingRun.Result b = new SamplingRun(plan, LOADED, settings(SamplerKind.UNIPC, 5, 21)).run(e -> { });
        assertEquals(a.rows().size(), b.rows().size());
        for (int r = 0; r < a.rows().size(); r++) {
            assertEquals(a.rows().get(r).guidedL1(), b.rows().get(r).guidedL1(), 0);
        }
        assertArrayEquals(a.x().data().asFloat(), b.x().data().asFloat());

        SamplingRun run = new SamplingRun(plan, LOADED, settings(SamplerKind.EULER, 5, 21));
        SamplingRun.Result partial = run.run(e -> {
            if (e.metrics().row() == 4) {
                run.cancel();
            }
        });
        assertTrue(partial.cancelled());
        assertEquals(5, partial.rows().size());
    }

    @Test
    void nanFromTheModelStopsTheRunNamingRowAndFrame() {
        INDArray broken = CLIPS.clips().dup();
        broken.putScalar(0, 3, Float.NaN);
        AnalyticFlowModel model = new AnalyticFlowModel(new ClipCollection(broken, CLIPS.captions(), 4, 3, 8, 8));
        TimestepPlan plan = PlanTemplate.T2V.build(Map.of("frames", 4), GRID);
        SamplingException e = assertThrows(SamplingException.class,
                () -> new SamplingRun(plan, LoadedModel.of(model), settings(SamplerKind.EULER, 1, 1)).run(ev -> { }));
        assertTrue(e.getMessage().startsWith("row 0, frame 0: the model returned NaN"), e.getMessage());
    }

    @Test
    void missingSourcesAreNamedAndARunWithoutACacheMarksNoRowSkipped() {
        TimestepPlan plan = PlanTemplate.INTERPOLATION.build(Map.of("frames", 4), GRID);
        SamplingException e = assertThrows(SamplingException.class,
                () -> new SamplingRun(plan, LOADED, settings(SamplerKind.EULER, 1, 1)).run(ev -> { }));
        assertTrue(e.getMessage().contains("frame 0: source start.png does not exist"), e.getMessage());

        RunSettings loose = new RunSettings(SamplerKind.EULER, 1, List.of(new Prompt.Text("ball")), Prompt.NONE, 1,
                Path.of("."));
        SamplingRun.Result r = new SamplingRun(PlanTemplate.T2V.build(Map.of("frames", 4), GRID), LOADED, loose).run(ev -> { });
        assertEquals(12, r.rows().size());
        assertTrue(r.rows().stream().noneMatch(RowMetrics::cacheSkipped));
        assertTrue(r.rows().stream().allMatch(m -> Double.isNaN(m.cacheSignal()) && Double.isNaN(m.cacheAccumulated())));
    }

    @Test
    void aLoopEndsOnItsOwnFirstFrame() {
        TimestepPlan loop = PlanEdits.setRole(PlanTemplate.LOOP.build(Map.of("frames", 4), GRID), List.of(0),
                FrameRole.clean(FrameSource.image("clip:3")));
        INDArray x = new SamplingRun(loop, LOADED, settings(SamplerKind.EULER, 1, 2)).run(e -> { }).x();
        assertArrayEquals(x.slice(0).dup().data().asFloat(), x.slice(3).dup().data().asFloat());
        assertArrayEquals(CLIPS.clip(3).reshape(4, CLIPS.frameSize()).getRow(0).dup().data().asFloat(),
                x.slice(0).dup().data().asFloat(), 1e-6f, "frame 0 is clip 3's first frame");
    }

    /** The re-noise rule by hand on the same seeded generator: x0 = x − σ·v, then (1 − σ')·x0 + σ'·ε. */
    @Test
    void renoisePredictsX0AndNoisesItAfreshToTheNextLevel() {
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 8);
        INDArray v = Nd4j.randn(DataType.FLOAT, 3, 8);
        double[] sigma = {0.9, 0.6, 0.4};
        double[] next = {0.5, 0.0, 0.4};
        boolean[] moving = {true, true, false};
        Nd4j.getRandom().setSeed(21);
        INDArray out = new RenoisePlanSampler().step(x, v, sigma, next, moving, null);
        Nd4j.getRandom().setSeed(21);
        INDArray noise = Nd4j.randn(DataType.FLOAT, 3, 8);
        for (int j = 0; j < 8; j++) {
            double x0 = x.getDouble(0, j) - 0.9 * v.getDouble(0, j);
            assertEquals(0.5 * x0 + 0.5 * noise.getDouble(0, j), out.getDouble(0, j), 1e-5);
            assertEquals(x.getDouble(1, j) - 0.6 * v.getDouble(1, j), out.getDouble(1, j), 1e-5, "σ' = 0: x0 itself");
            assertEquals(x.getDouble(2, j), out.getDouble(2, j), 0, "a frame that does not move keeps x");
        }
        TimestepPlan plan = PlanTemplate.T2V.build(Map.of("frames", 4), GRID);
        INDArray a = new SamplingRun(plan, LOADED, settings(SamplerKind.RENOISE, 1, 3)).run(e -> { }).x();
        INDArray b = new SamplingRun(plan, LOADED, settings(SamplerKind.RENOISE, 1, 3)).run(e -> { }).x();
        assertArrayEquals(a.data().asFloat(), b.data().asFloat(), "the same seed, the same run");
    }
}
