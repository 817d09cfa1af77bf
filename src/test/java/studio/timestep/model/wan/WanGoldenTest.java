package studio.timestep.model.wan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.TestData;
import studio.timestep.io.SafetensorsFile;

/** The port against the golden cases in src/test/resources/golden/wan (float64 transcription of diffusers). */
class WanGoldenTest {
    static final Path GOLDEN = TestData.wanGolden();

    /** max |a − b| / max |b|, the golden README's measure. */
    static double relativeError(INDArray actual, INDArray expected) {
        return actual.reshape(expected.shape()).sub(expected).amaxNumber().doubleValue() / expected.amaxNumber().doubleValue();
    }

    @ParameterizedTest
    @CsvSource({"tiny,,output", "tiny,bf16,output_bf16_weights", "head128,,output", "head128,bf16,output_bf16_weights"})
    void scalarTimestepMatchesTheGoldenOutput(String folder, String variant, String expected) throws Exception {
        WanTransformer model = new WanTransformer(WanWeights.open(GOLDEN.resolve(folder), variant, null));
        SafetensorsFile c = SafetensorsFile.open(GOLDEN.resolve(folder).resolve("case.safetensors"));
        INDArray latent = c.array("hidden_states");
        INDArray text = c.array("encoder_hidden_states");
        INDArray out = model.forward(latent.reshape(latent.shape()[1], latent.shape()[2], latent.shape()[3], latent.shape()[4]),
                c.array("timestep").getDouble(0), model.prompt(text.reshape(text.size(1), text.size(2))));
        double error = relativeError(out, c.array(expected));
        assertTrue(error < 1e-4, folder + " " + expected + ": relative error " + error);
    }

    @ParameterizedTest
    @CsvSource({"tiny", "head128"})
    void perTokenTimestepsMatchTheGoldenOutput(String folder) throws Exception {
        WanTransformer model = new WanTransformer(WanWeights.open(GOLDEN.resolve(folder), null, null));
        SafetensorsFile c = SafetensorsFile.open(GOLDEN.resolve(folder).resolve("case.safetensors"));
        INDArray latent = c.array("hidden_states");
        INDArray text = c.array("encoder_hidden_states");
        float[] t = c.floats("timestep_per_token");
        assertEquals(0f, t[0]);
        INDArray out = model.forward(latent.reshape(latent.shape()[1], latent.shape()[2], latent.shape()[3], latent.shape()[4]),
                t, model.prompt(text.reshape(text.size(1), text.size(2))));
        double error = relativeError(out, c.array("output_per_token"));
        assertTrue(error < 1e-4, folder + " per token: relative error " + error);
    }
}
