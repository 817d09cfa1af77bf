package studio.timestep.model.wan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import studio.timestep.TestData;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.SafetensorsFile;

/** The umT5 encoder against the golden cases in src/test/resources/golden/umt5 (float64 transcription of transformers). */
class UmT5GoldenTest {
    static final Path GOLDEN = TestData.path("golden/umt5");

    @Test
    void bucketsMatchTransformersForEveryDistanceOfA512TokenPrompt() throws Exception {
        UmT5Config config = UmT5Config.read(GOLDEN.resolve("tiny/config.json"));
        SafetensorsFile c = SafetensorsFile.open(GOLDEN.resolve("tiny/case.safetensors"));
        long[] rel = c.longs("trace.bucket_table.relative_position");
        long[] expected = c.longs("trace.bucket_table.bucket");
        assertEquals(1023, rel.length);
        for (int i = 0; i < rel.length; i++) {
            assertEquals(expected[i], config.bucket(rel[i]), "rel " + rel[i]);
        }
        // the README's table: |rel| 16 → 10, 32 → 12, 64 → 14 (the exact-integer log terms), ≥ 91 → 15, +16 after the query
        assertEquals(10, config.bucket(-16));
        assertEquals(16 + 12, config.bucket(32));
        assertEquals(14, config.bucket(-64));
        assertEquals(16 + 15, config.bucket(91));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny", "tiny-bf16"})
    void lastHiddenStateAndPromptEmbedsMatchTheGolden(String folder) throws Exception {
        UmT5Encoder encoder = UmT5Encoder.open(GOLDEN.resolve(folder));
        SafetensorsFile c = SafetensorsFile.open(GOLDEN.resolve(folder).resolve("case.safetensors"));
        long[] ids = c.longs("input_ids");
        long[] mask = c.longs("attention_mask");
        long[] lengths = c.longs("seq_lens");
        INDArray hidden = c.array("last_hidden_state");
        INDArray embeds = c.array("prompt_embeds");
        int length = (int) hidden.size(1);
        for (int b = 0; b < 2; b++) {
            long[] rowIds = Arrays.copyOfRange(ids, b * length, (b + 1) * length);
            long[] rowMask = Arrays.copyOfRange(mask, b * length, (b + 1) * length);
            INDArray out = encoder.encode(rowIds, rowMask, null);
            double error = WanGoldenTest.relativeError(out, hidden.slice(b));
            assertTrue(error <= 1e-4, folder + " row " + b + " last_hidden_state: relative error " + error);

            INDArray prompt = encoder.promptEmbeds(Arrays.copyOf(rowIds, (int) lengths[b]), length);
            INDArray expected = embeds.slice(b);
            error = WanGoldenTest.relativeError(prompt, expected);
            assertTrue(error <= 1e-4, folder + " row " + b + " prompt_embeds: relative error " + error);
            if (lengths[b] < length) {
                INDArray zeros = prompt.get(NDArrayIndex.interval(lengths[b], length), NDArrayIndex.all());
                assertEquals(0.0, zeros.amaxNumber().doubleValue(), "rows after the prompt are exactly zero");
            }
        }
    }

    @Test
    void everyBlockMatchesItsTrace() throws Exception {
        UmT5Encoder encoder = UmT5Encoder.open(GOLDEN.resolve("tiny"));
        SafetensorsFile c = SafetensorsFile.open(GOLDEN.resolve("tiny/case.safetensors"));
        long[] ids = c.longs("input_ids");
        long[] mask = c.longs("attention_mask");
        List<INDArray> blocks = new ArrayList<>();
        encoder.encode(Arrays.copyOfRange(ids, 20, 40), Arrays.copyOfRange(mask, 20, 40), blocks);
        assertEquals(2, blocks.size());
        for (int i = 0; i < 2; i++) {
            double error = WanGoldenTest.relativeError(blocks.get(i), c.array("trace.block" + i + "_out").slice(1));
            assertTrue(error <= 1e-4, "block " + i + ": relative error " + error);
        }
        long[] buckets = c.longs("trace.relative_position_bucket");
        UmT5Config config = encoder.config();
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                assertEquals(buckets[i * 20 + j], config.bucket(j - i));
            }
        }
    }

    @Test
    void aFolderThatDoesNotFitItsConfigIsRefusedNamingTheTensor(@TempDir Path dir) throws Exception {
        Files.copy(GOLDEN.resolve("tiny/model.safetensors"), dir.resolve("model.safetensors"));
        Files.writeString(dir.resolve("config.json"), Files.readString(GOLDEN.resolve("tiny/config.json"))
                .replace("\"d_ff\": 64", "\"d_ff\": 96"));
        FileFormatException e = assertThrows(FileFormatException.class, () -> UmT5Encoder.open(dir));
        assertEquals(dir.getFileName() + " tensor 'encoder.block.0.layer.1.DenseReluDense.wi_0.weight': is [64, 32]; "
                + "config.json implies [96, 32]", e.getMessage());
        Files.delete(dir.resolve("model.safetensors"));
        e = assertThrows(FileFormatException.class, () -> UmT5Encoder.open(dir));
        assertTrue(e.getMessage().contains("has neither model.safetensors nor model.safetensors.index.json"), e.getMessage());
    }
}
