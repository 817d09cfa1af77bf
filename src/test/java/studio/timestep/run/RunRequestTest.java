package studio.timestep.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.timestep.TestData;
import studio.timestep.model.Prompt;
import studio.timestep.plan.PlanEdits;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.sampling.RunSettings;
import studio.timestep.sampling.SamplerKind;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.GridConvention;

class RunRequestTest {
    @TempDir
    Path dir;

    private static final CurveSetup BASE = RunLabelsTest.flow(3, 6);
    private static final ModelSource WAN = new ModelSource.WanFolder(TestData.wanGolden().resolve("tiny"), null, 64, 32);

    private static RunSettings settings(double guidance, List<Prompt> prompts, Prompt negative) {
        return new RunSettings(SamplerKind.EULER, guidance, prompts, negative, 1, Path.of("."));
    }

    private static RunRequest request(TimestepPlan plan, ModelSource model, RunSettings settings) {
        return new RunRequest(plan, new PlanOrigin("t2v", BASE), model, settings);
    }

    private static TimestepPlan t2v(int frames) {
        return PlanTemplate.T2V.build(Map.of("frames", frames), BASE.grid());
    }

    @Test
    void aPromptOfTheWrongKindIsRefusedNamingTheField() {
        RunException e = assertThrows(RunException.class, () -> request(t2v(2), WAN,
                settings(1, List.of(new Prompt.Text("red ball")), Prompt.NONE)));
        assertEquals("prompt: this model takes umT5 embeddings files (.safetensors), not caption text (\"red ball\")",
                e.getMessage());
        e = assertThrows(RunException.class, () -> request(t2v(2), RunLabelsTest.CLIPS,
                settings(1, List.of(new Prompt.Embeddings(dir.resolve("p.safetensors"))), Prompt.NONE)));
        assertTrue(e.getMessage().startsWith("prompt: this model takes caption text"), e.getMessage());
    }

    @Test
    void wanGuidanceNeedsANegativeEmbeddingsFileThatExists() throws Exception {
        Path p = Files.writeString(dir.resolve("p.safetensors"), "x");
        List<Prompt> prompts = List.of(new Prompt.Embeddings(p));
        RunException e = assertThrows(RunException.class, () -> request(t2v(2), WAN, settings(5, prompts, Prompt.NONE)));
        assertTrue(e.getMessage().startsWith("negative prompt: guidance 5 needs"), e.getMessage());
        e = assertThrows(RunException.class, () -> request(t2v(2), WAN,
                settings(5, prompts, new Prompt.Embeddings(dir.resolve("missing.safetensors")))));
        assertTrue(e.getMessage().startsWith("negative prompt: ") && e.getMessage().contains("is not a file"), e.getMessage());
        assertEquals(5, request(t2v(2), WAN, settings(1, prompts, Prompt.NONE)).videoFrames(), "2 latent frames are 5 video frames");
    }

    @Test
    void aPlanWithProblemsIsRefusedBeforeAnyWork() {
        TimestepPlan broken = PlanEdits.paint(t2v(3), 2, 1, 0, 1.0);
        RunException e = assertThrows(RunException.class, () -> request(broken, RunLabelsTest.CLIPS,
                settings(1, List.of(Prompt.NONE), Prompt.NONE)));
        assertTrue(e.getMessage().startsWith("plan: 1 problem, the first at row 1, frame 1: σ rises from 0.9375 to 1"), e.getMessage());
    }

    @Test
    void aWanSweepCountsVideoFramesAndPlansLatentFrames() {
        Path p = TestData.wanGolden().resolve("tiny/config.json");
        List<RunJob> jobs = new Sweep(List.of(3), List.of(5.0), List.of(1, 9), GridConvention.EULER_SIGMAS,
                WAN, settings(1, List.of(new Prompt.Embeddings(p)), Prompt.NONE)).jobs();
        assertEquals(List.of(1, 3), jobs.stream().map(j -> j.request().plan().frames()).toList());
        assertEquals(List.of("1", "9"), jobs.stream().map(j -> j.columns().get("frames")).toList());
        assertEquals(List.of("frames=1", "frames=9"), RunLabels.of(jobs.stream().map(j -> j.request().traits()).toList()));
        var bad = assertThrows(IllegalArgumentException.class, () -> new Sweep(List.of(3), List.of(5.0), List.of(6),
                GridConvention.EULER_SIGMAS, WAN, settings(1, List.of(new Prompt.Embeddings(p)), Prompt.NONE)).jobs());
        assertTrue(bad.getMessage().startsWith("frames: must be 4k + 1"), bad.getMessage());
    }
}
