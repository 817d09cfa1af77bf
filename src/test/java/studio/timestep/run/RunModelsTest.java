package studio.timestep.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.timestep.TestData;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.Prompt;
import studio.timestep.model.wan.WanVelocityModel;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.sampling.ExpertGuidance;
import studio.timestep.sampling.RunSettings;
import studio.timestep.sampling.SamplerKind;

class RunModelsTest {
    static final ModelSource CLIPS = new ModelSource.EmbeddedClips(4, 8, null);

    @Test
    void aFrameCountUsedAgainIsKeptAndTheLeastRecentOneGoes() {
        RunModels models = new RunModels();
        LoadedModel one = models.model(CLIPS, 1);
        LoadedModel two = models.model(CLIPS, 2);
        for (int frames = 3; frames <= RunModels.MAX_SHAPES; frames++) {
            models.model(CLIPS, frames);
        }
        assertSame(one, models.model(CLIPS, 1), "used again: now the most recent");
        models.model(CLIPS, RunModels.MAX_SHAPES + 1);
        assertSame(one, models.model(CLIPS, 1));
        assertNotSame(two, models.model(CLIPS, 2), "2 was the least recently used: loaded anew");
    }

    @Test
    void theLeastRecentlyUsedFrameCountIsDropped() {
        RunModels models = new RunModels();
        LoadedModel first = models.model(CLIPS, 1);
        for (int frames = 2; frames <= RunModels.MAX_SHAPES + 1; frames++) {
            models.model(CLIPS, frames);
        }
        assertNotSame(first, models.model(CLIPS, 1), "frame count 1 was the least recently used of five: loaded anew");
    }

    /** A Wan2.2-style pipeline folder: the golden tiny transformer as both experts, and an index with a boundary. */
    private static Path pipeline(Path dir, String index) throws IOException {
        for (String part : List.of("transformer", "transformer_2")) {
            Path folder = Files.createDirectories(dir.resolve(part));
            for (String file : List.of("config.json", "diffusion_pytorch_model.safetensors")) {
                Files.copy(TestData.wanGolden().resolve("tiny").resolve(file), folder.resolve(file));
            }
        }
        Files.writeString(dir.resolve("model_index.json"), index);
        return dir;
    }

    @Test
    void aPipelineWithTransformer2LoadsTheLowNoiseExpertWithItsBoundary(@TempDir Path dir) throws IOException {
        Path folder = pipeline(dir, "{\"_class_name\": \"WanPipeline\", \"boundary_ratio\": 0.875}");
        ModelSource wan = new ModelSource.WanFolder(folder, null, 64, 32);
        LoadedModel loaded = new RunModels().model(wan, 2);
        assertEquals(0.875, loaded.lowNoise().boundary());
        WanVelocityModel high = (WanVelocityModel) loaded.velocity();
        WanVelocityModel low = (WanVelocityModel) loaded.lowNoise().velocity();
        assertNotSame(high.transformer(), low.transformer(), "two transformers, one per expert");

        var plan = PlanTemplate.T2V.build(Map.of("frames", 2), RunLabelsTest.flow(12, 20).grid());
        RunSettings settings = new RunSettings(SamplerKind.EULER, 1, List.of(new Prompt.Embeddings(Files.writeString(dir.resolve("p.safetensors"), ""))),
                Prompt.NONE, 1, Path.of("."));
        String experts = new RunRequest(plan, new PlanOrigin("t2v", null), wan, settings).traits().get("experts");
        assertEquals("transformer_2 from row " + new ExpertGuidance(0.875, 1).switchRow(plan) + " (boundary 0.875)", experts);

        assertNull(new RunModels().model(new ModelSource.WanFolder(folder.resolve("transformer"), null, 64, 32), 2).lowNoise(),
                "a transformer folder alone is one expert");
        RunRequest request = new RunRequest(plan, new PlanOrigin("t2v", null), wan, settings);
        RunException refused = assertThrows(RunException.class, () -> CacheComparison.check(request, loaded));
        assertTrue(refused.getMessage().startsWith("cache: a two-expert model"), refused.getMessage());
    }

    @Test
    void aBoundaryRatioOutOfRangeIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path folder = pipeline(dir, "{\"boundary_ratio\": 875}");
        RunException e = assertThrows(RunException.class, () -> new RunModels().model(new ModelSource.WanFolder(folder, null, 64, 32), 2));
        assertTrue(e.getMessage().startsWith("model_index.json boundary_ratio: should be a number in [0, 1]"), e.getMessage());
    }
}
