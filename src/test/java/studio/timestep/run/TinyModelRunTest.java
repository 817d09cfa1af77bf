package studio.timestep.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import studio.timestep.model.ClipCollection;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.MovingShapeClips;
import studio.timestep.model.Prompt;
import studio.timestep.plan.FrameRole;
import studio.timestep.plan.FrameSource;
import studio.timestep.plan.PlanEdits;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.sampling.RunSettings;
import studio.timestep.sampling.SamplerKind;
import studio.timestep.sampling.SamplingRun;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.SigmaGrid;

/** The shipped tiny model as runs use it: loaded through the Wan port, condition frames kept exact, damage named. */
class TinyModelRunTest {
    static final RunModels MODELS = new RunModels();
    static final SigmaGrid GRID = new FlowShiftCurve(5).sigmaGrid(6, GridConvention.EULER_SIGMAS);
    static final ClipCollection CLIPS = MovingShapeClips.embedded(16);

    static RunSettings settings() {
        return new RunSettings(SamplerKind.EULER, 5, List.of(new Prompt.Text("red ball")), Prompt.NONE, 3, Path.of("."));
    }

    @Test
    void theShippedModelIsATinyWanOverThePixelsOfTheClips() {
        LoadedModel m = MODELS.model(ModelSource.TinyModel.SHIPPED, 16);
        assertTrue(m.velocity().name().startsWith("tiny Wan"), m.velocity().name());
        assertArrayEquals(new long[] {3, 32, 32}, m.velocity().frameShape());
        assertEquals(16, m.velocity().frames());
    }

    @Test
    void conditionFramesOfImageToVideoInterpolationAndDiffusionForcingStayExact() {
        LoadedModel m = MODELS.model(ModelSource.TinyModel.SHIPPED, 16);
        TimestepPlan t2v = PlanTemplate.T2V.build(Map.of("frames", 16), GRID);
        TimestepPlan pyramid = PlanTemplate.DF_PYRAMID.build(Map.of("frames", 16), GRID);
        FrameRole clip5 = FrameRole.clean(FrameSource.image("clip:5"));
        FrameRole clip9 = FrameRole.clean(FrameSource.image("clip:9"));
        Map<String, TimestepPlan> plans = Map.of("i2v", PlanEdits.setRole(t2v, List.of(0), clip5),
                "interpolation", PlanEdits.setRole(PlanEdits.setRole(t2v, List.of(0), clip5), List.of(15), clip9),
                "df-pyramid", PlanEdits.setRole(pyramid, List.of(0), clip5));
        for (Map.Entry<String, TimestepPlan> p : plans.entrySet()) {
            INDArray x = new SamplingRun(p.getValue(), m, settings()).run(e -> { }).x();
            assertEquals(0, frame(x, 0).sub(frame(CLIPS.clip(5), 0)).amaxNumber().doubleValue(), 0, p.getKey() + " frame 0");
            if (p.getKey().equals("interpolation")) {
                assertEquals(0, frame(x, 15).sub(frame(CLIPS.clip(9), 0)).amaxNumber().doubleValue(), 0, "frame 15");
            }
        }
    }

    private static INDArray frame(INDArray video, int f) {
        return video.get(NDArrayIndex.point(f)).reshape(3L * 32 * 32);
    }

    @Test
    void aDamagedTinyFolderIsNamedBeforeAnyRun(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("model_index.json"), "{\"_class_name\": \"TinyWanPipeline\", \"frames\": 16, \"height\": 32, "
                + "\"width\": 32}");
        RunException e = assertThrows(RunException.class, () -> new RunModels().model(new ModelSource.TinyModel(dir), 16));
        assertTrue(e.getMessage().contains("transformer") && e.getMessage().contains("config.json"), e.getMessage());
    }
}
