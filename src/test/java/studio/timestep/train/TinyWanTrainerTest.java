package studio.timestep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.SafetensorsCheckpoint;
import studio.timestep.model.ClipCollection;
import studio.timestep.model.MovingShapeClips;
import studio.timestep.model.Prompt;
import studio.timestep.model.tiny.TinyWan;
import studio.timestep.model.wan.WanConfig;
import studio.timestep.model.wan.WanTensorNames;
import studio.timestep.model.wan.WanTransformer;
import studio.timestep.model.wan.WanVelocityModel;

/** Training a small model end to end: the loss falls, a checkpoint resumes exactly, the export opens as a tiny model. */
class TinyWanTrainerTest {
    static final ClipCollection CLIPS = MovingShapeClips.generate(6, 3, 16, 5);

    static TinyWanTrainer.Settings small() {
        return new TinyWanTrainer.Settings(new WanConfig(new int[] {1, 4, 4}, 2, 12, 3, 3, 8, 32, 32, 1, true, 1e-6, 64), 2, 3e-3,
                11);
    }

    @Test
    void trainingLowersTheLossOfAHeldBatch() {
        TinyWanTrainer trainer = TinyWanTrainer.start(CLIPS, small());
        TrainingBatches batches = new TrainingBatches(CLIPS, trainer.vocabulary(), 2, 32, 99);
        double before = 0;
        for (int b = 0; b < 4; b++) {
            before += trainer.loss(batches.batch(b));
        }
        for (int i = 0; i < 40; i++) {
            trainer.trainStep(false);
        }
        double after = 0;
        for (int b = 0; b < 4; b++) {
            after += trainer.loss(batches.batch(b));
        }
        assertTrue(after < 0.8 * before, "loss " + before / 4 + " → " + after / 4);
    }

    @Test
    void trainingReportsEachStepWithItsRateAndTheShareOfTheTimePassed(@TempDir Path out) throws Exception {
        TinyWanTrainer trainer = TinyWanTrainer.start(CLIPS, small());
        List<double[]> reports = new ArrayList<>();
        trainer.train(0.02, 10, () -> false, (step, loss, rate, done) -> reports.add(new double[] {step, loss, rate, done}), out);
        assertTrue(reports.size() >= 1);
        for (int i = 0; i < reports.size(); i++) {
            double[] r = reports.get(i);
            assertEquals(i + 1, r[0], 0, "steps count up from the first");
            assertTrue(r[2] > 0 && r[3] > 0 && r[3] <= 1, "rate " + r[2] + ", done " + r[3]);
            assertTrue(i == 0 || r[3] >= reports.get(i - 1)[3], "the share of time only grows");
        }
        assertTrue(Double.isFinite(reports.get(0)[1]), "the first step's loss is measured");
        assertTrue(TinyWanTrainer.hasCheckpoint(out) && Files.isRegularFile(out.resolve(TinyWan.INDEX)));
    }

    @Test
    void aResumedTrainingTakesTheStepsItWouldHaveTaken(@TempDir Path out) throws Exception {
        TinyWanTrainer trainer = TinyWanTrainer.start(CLIPS, small());
        for (int i = 0; i < 3; i++) {
            trainer.trainStep(false);
        }
        trainer.checkpoint(out);
        List<double[]> reports = new ArrayList<>();
        TinyWanTrainer.resume(out, CLIPS).train(0.001, 10, () -> false,
                (step, loss, rate, done) -> reports.add(new double[] {step, loss}), out.resolve("session"));
        assertEquals(4, reports.get(0)[0]);
        assertTrue(Double.isFinite(reports.get(0)[1]), "a resumed session shows a loss from its first step");
        TinyWanTrainer resumed = TinyWanTrainer.resume(out, CLIPS);
        assertEquals(3, resumed.step());
        assertEquals(trainer.trainStep(true), resumed.trainStep(true), 1e-6);
        assertEquals(trainer.trainStep(true), resumed.trainStep(true), 1e-6);

        TinyWanTrainer slower = TinyWanTrainer.resume(out, CLIPS, 1e-4);
        assertEquals(1e-4, slower.settings().learningRate());
        assertEquals(3, slower.step(), "a new rate continues from the same step");
        slower.trainStep(false);
        slower.checkpoint(out);
        assertEquals(1e-4, TinyWanTrainer.resume(out, CLIPS).settings().learningRate(), "the new rate is kept");
    }

    @Test
    void aTrainingStartedFromAnExportedModelBeginsAtItsWeights(@TempDir Path out) throws Exception {
        TinyWanTrainer trainer = TinyWanTrainer.start(CLIPS, small());
        TrainingBatch held = new TrainingBatches(CLIPS, trainer.vocabulary(), 2, 32, 99).batch(0);
        double fresh = trainer.loss(held);
        for (int i = 0; i < 5; i++) {
            trainer.trainStep(false);
        }
        trainer.export(out);
        TinyWanTrainer.Settings other = new TinyWanTrainer.Settings(small().config(), 2, 1e-4, 12);
        TinyWanTrainer from = TinyWanTrainer.startFrom(TinyWan.open(out), CLIPS, other);
        assertEquals(trainer.loss(held), from.loss(held), 1e-6);
        assertNotEquals(fresh, from.loss(held), 1e-3);
        assertEquals(0, from.step());
        assertEquals(1e-4, from.settings().learningRate());

        String wrongSize = assertThrows(FileFormatException.class,
                () -> TinyWanTrainer.startFrom(TinyWan.open(out), MovingShapeClips.generate(6, 4, 16, 5), other)).getMessage();
        assertTrue(wrongSize.contains("is for 3 frames of 16×16, the clips have 4"), wrongSize);
    }

    @Test
    void theExportedFolderRunsThroughTheWanPortAsTheGraphDoes(@TempDir Path out) throws Exception {
        TinyWanTrainer trainer = TinyWanTrainer.start(CLIPS, small());
        for (int i = 0; i < 5; i++) {
            trainer.trainStep(false);
        }
        trainer.export(out);
        TinyWan tiny = TinyWan.open(out);
        assertEquals(3, tiny.frames());
        assertEquals(16, tiny.height());
        WanConfig config = tiny.transformer().config();

        Map<String, INDArray> weights = new HashMap<>();
        SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(out.resolve(TinyWan.TRANSFORMER), null);
        for (String name : WanTensorNames.expected(config).keySet()) {
            weights.put(name, checkpoint.array(name));
        }
        int textTokens = tiny.text().vocabulary().maxTokens();
        SameDiff graph = WanGraph.build(config, weights, 1, 3, 16, 16, textTokens);
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 3, 16, 16);
        double[] sigmas = {0, 0.4, 0.9};
        Prompt prompt = new Prompt.Text("red ring");
        INDArray text = tiny.text().embeddings(prompt, config.textDim());
        float[] t = {0, 400, 900};
        Map<String, INDArray> in = Map.of(WanGraph.LATENT, x.permute(1, 0, 2, 3).dup('c').reshape(1, 3, 3, 16, 16),
                WanGraph.TIME, WanTransformer.sinusoidal(t, config.freqDim()),
                WanGraph.TEXT, text.reshape(1, textTokens, config.textDim()));
        INDArray expected = graph.output(in, WanGraph.OUTPUT).get(WanGraph.OUTPUT).reshape(3, 3, 16, 16).permute(1, 0, 2, 3);

        WanVelocityModel model = (WanVelocityModel) tiny.load(3, CLIPS).velocity();
        INDArray v = model.velocities(x, sigmas, 0, 3, List.of(prompt)).get(0);
        double error = v.sub(expected).amaxNumber().doubleValue() / expected.amaxNumber().doubleValue();
        assertTrue(error <= 1e-5, "relative error " + error);
    }
}
