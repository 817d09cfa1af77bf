package studio.timestep.model.wan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.SafetensorsFile;
import studio.timestep.io.SafetensorsWriter;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.Prompt;
import studio.timestep.plan.FrameRole;
import studio.timestep.plan.FrameSource;
import studio.timestep.plan.PlanEdits;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.sampling.RunSettings;
import studio.timestep.sampling.SamplerKind;
import studio.timestep.sampling.SamplingException;
import studio.timestep.sampling.SamplingRun;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;

/** The tiny golden config as a velocity model: per-frame timesteps, a run through a plan with a condition frame. */
class WanVelocityModelTest {
    static final Path TINY = WanGoldenTest.GOLDEN.resolve("tiny");
    static WanTransformer transformer;
    @TempDir
    static Path dir;

    @BeforeAll
    static void load() throws Exception {
        transformer = new WanTransformer(WanWeights.open(TINY, null, null));
        Nd4j.getRandom().setSeed(3);
        write(dir.resolve("prompt.safetensors"), Nd4j.randn(DataType.FLOAT, 12, 16));
        write(dir.resolve("negative.safetensors"), Nd4j.randn(DataType.FLOAT, 7, 16));
        write(dir.resolve("start.safetensors"), Nd4j.randn(DataType.FLOAT, 4, 8, 8));
    }

    static void write(Path file, INDArray a) throws Exception {
        SafetensorsWriter.write(file, Map.of("prompt_embeds", new SafetensorsWriter.Tensor(a.dup('c').data().asFloat(), a.shape())));
    }

    private static WanVelocityModel model() {
        // 64×64 pixels, 9 frames → latent [4, 3, 8, 8], 16 tokens a frame
        return (WanVelocityModel) loaded().velocity();
    }

    private static LoadedModel loaded() {
        return WanVelocityModel.load(transformer, new WanVideoSize(64, 64, 9));
    }

    private static List<Prompt> embeddings(String file) {
        return List.of(new Prompt.Embeddings(dir.resolve(file)));
    }

    @Test
    void eachFramesTokensGetThatFramesTimestep() throws Exception {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 4, 8, 8);
        INDArray v = model().velocities(x, new double[] {0, 0.6, 0.35}, 0, 3, embeddings("prompt.safetensors")).get(0);
        float[] t = new float[48];
        for (int i = 0; i < 48; i++) {
            t[i] = i < 16 ? 0 : i < 32 ? 600 : 350;
        }
        INDArray text = WanPromptEmbeddings.read(dir.resolve("prompt.safetensors"), 16);
        assertEquals(WanPromptEmbeddings.MAX_TOKENS, text.size(0));
        INDArray direct = transformer.forward(x.permute(1, 0, 2, 3).dup('c'), t, transformer.prompt(text));
        assertEquals(0, v.sub(direct.permute(1, 0, 2, 3)).amaxNumber().doubleValue(), 1e-6);
        // a different level for frame 0 changes the output: the timesteps reach the tokens
        INDArray other = model().velocities(x, new double[] {0.9, 0.6, 0.35}, 0, 3, embeddings("prompt.safetensors")).get(0);
        assertTrue(other.sub(v).amaxNumber().doubleValue() > 1e-3);
    }

    @Test
    void framesOutsideTheWindowGetNoVelocity() {
        Nd4j.getRandom().setSeed(6);
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 4, 8, 8);
        INDArray v = model().velocities(x, new double[] {0.5, 0.5, 0.5}, 1, 3, embeddings("prompt.safetensors")).get(0);
        assertEquals(0, v.get(NDArrayIndex.point(0)).amaxNumber().doubleValue());
        assertTrue(v.get(NDArrayIndex.point(1)).amaxNumber().doubleValue() > 0);
    }

    @Test
    void aPlanWithAConditionFrameRunsAndKeepsTheConditionAtItsSource() throws Exception {
        TimestepPlan plan = PlanTemplate.T2V.build(Map.of("frames", 3), new FlowShiftCurve(3).sigmaGrid(4, GridConvention.EULER_SIGMAS));
        plan = PlanEdits.setRole(plan, List.of(0), FrameRole.clean(FrameSource.image("start.safetensors")));
        RunSettings settings = new RunSettings(SamplerKind.EULER, 5, embeddings("prompt.safetensors"), new Prompt.Embeddings(dir.resolve("negative.safetensors")), 7,
                dir);
        SamplingRun.Result result = new SamplingRun(plan, loaded(), settings).run(e -> { });
        assertEquals(plan.rows(), result.rows().size());
        assertTrue(result.rows().stream().allMatch(r -> Double.isFinite(r.latentL1())));
        INDArray start = SafetensorsFile.open(dir.resolve("start.safetensors")).array("prompt_embeds");
        assertEquals(0, result.x().get(NDArrayIndex.point(0)).sub(start).amaxNumber().doubleValue());
        // the same seed gives the same latent
        SamplingRun.Result again = new SamplingRun(plan, loaded(), settings).run(e -> { });
        assertEquals(0, again.x().sub(result.x()).amaxNumber().doubleValue());
    }

    @Test
    void imageSourcesAndMissingEmbeddingsAreReportedWithTheFrame() {
        TimestepPlan plan = PlanTemplate.INTERPOLATION.build(Map.of("frames", 3), new FlowShiftCurve(3).sigmaGrid(2, GridConvention.EULER_SIGMAS));
        RunSettings settings = new RunSettings(SamplerKind.EULER, 1, embeddings("prompt.safetensors"), Prompt.NONE, 7, dir);
        String message = assertThrows(SamplingException.class, () -> new SamplingRun(plan, loaded(), settings).run(e -> { }))
                .getMessage();
        assertTrue(message.startsWith("frame 0: source") && message.contains("latent .safetensors"), message);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> model().velocities(
                Nd4j.zeros(DataType.FLOAT, 3, 4, 8, 8), new double[] {1, 1, 1}, 0, 3, embeddings("none.safetensors")));
        assertTrue(missing.getMessage().contains("none.safetensors"), missing.getMessage());
    }

    @Test
    void embeddingsOfTheWrongWidthAreRefused() throws Exception {
        write(dir.resolve("wide.safetensors"), Nd4j.zeros(DataType.FLOAT, 1, 5, 4096));
        String message = assertThrows(FileFormatException.class,
                () -> WanPromptEmbeddings.read(dir.resolve("wide.safetensors"), 16)).getMessage();
        assertTrue(message.contains("[1, 5, 4096]") && message.contains("[tokens, 16]"), message);
    }

    @Test
    void latentPreviewIsTheWan21Projection() {
        INDArray latent = Nd4j.zeros(DataType.FLOAT, 1, 16, 1, 2);
        latent.putScalar(new int[] {0, 2, 0, 1}, 1.0);
        INDArray rgb = WanLatentPreview.INSTANCE.rgb(latent);
        assertArrayEquals(new long[] {1, 3, 1, 2}, rgb.shape());
        // pixel 0: the bias alone; pixel 1: channel 2's row (0.3568, 0.2548, 0.1747) plus the bias
        assertEquals(-0.1835, rgb.getDouble(0, 0, 0, 0), 1e-6);
        assertEquals(0.3568 - 0.1835, rgb.getDouble(0, 0, 0, 1), 1e-6);
        assertEquals(0.2548 - 0.0868, rgb.getDouble(0, 1, 0, 1), 1e-6);
        assertEquals(0.1747 - 0.3360, rgb.getDouble(0, 2, 0, 1), 1e-6);
        latent.putScalar(new int[] {0, 2, 0, 1}, 10.0);
        assertEquals(1.0, WanLatentPreview.INSTANCE.rgb(latent).getDouble(0, 0, 0, 1), 0, "clamped to 1");
    }

    @Test
    void aCheckpointThatDoesNotFitItsConfigIsReportedByTensorAndFile() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("edited"));
        Files.copy(TINY.resolve("diffusion_pytorch_model.safetensors"), copy.resolve("diffusion_pytorch_model.safetensors"));
        Files.writeString(copy.resolve("config.json"), Files.readString(TINY.resolve("config.json"))
                .replace("\"ffn_dim\": 32", "\"ffn_dim\": 64"));
        String message = assertThrows(FileFormatException.class, () -> WanWeights.open(copy, null, null)).getMessage();
        assertTrue(message.contains("diffusion_pytorch_model.safetensors: tensor 'blocks.0.ffn.net.0.proj.weight' has shape "
                + "[32, 24], the config needs [64, 24]"), message);
        Files.writeString(copy.resolve("config.json"), Files.readString(TINY.resolve("config.json"))
                .replace("\"num_layers\": 2", "\"num_layers\": 3"));
        message = assertThrows(FileFormatException.class, () -> WanWeights.open(copy, null, null)).getMessage();
        assertTrue(message.contains("tensor 'blocks.2.attn1.to_q.weight' is missing"), message);
        Files.writeString(copy.resolve("config.json"), "{\"_class_name\": \"WanImageToVideo\"}");
        assertTrue(assertThrows(FileFormatException.class, () -> WanWeights.open(copy, null, null)).getMessage()
                .contains("expected WanTransformer3DModel"));
    }

    @Test
    void streamedWeightsGiveTheSameOutputAsResidentOnes() throws Exception {
        WanTransformer streamed = new WanTransformer(WanWeights.open(TINY, "bf16", WanWeights.Residency.STREAMED));
        WanTransformer resident = new WanTransformer(WanWeights.open(TINY, "bf16", WanWeights.Residency.FLOAT32));
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 2, 8, 8);
        INDArray text = Nd4j.randn(DataType.FLOAT, 5, 16);
        assertEquals(0, streamed.forward(x, 500, streamed.prompt(text)).sub(resident.forward(x, 500, resident.prompt(text)))
                .amaxNumber().doubleValue());
    }
}
