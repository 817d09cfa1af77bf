package studio.timestep.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import studio.timestep.TestData;
import studio.timestep.io.SafetensorsCheckpoint;
import studio.timestep.model.wan.WanConfig;
import studio.timestep.model.wan.WanTensorNames;
import studio.timestep.model.wan.WanTransformer;
import studio.timestep.model.wan.WanWeights;

/** The training graph computes what the transformer port computes, on the golden weights. */
class WanGraphTest {
    static final Path TINY = TestData.wanGolden().resolve("tiny");
    static final Path SHIPPED = Path.of("assets/tiny-wan/transformer");

    static Map<String, INDArray> weights(Path folder, WanConfig config) throws Exception {
        SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder, null);
        Map<String, INDArray> w = new HashMap<>();
        for (String name : WanTensorNames.expected(config).keySet()) {
            w.put(name, checkpoint.array(name));
        }
        return w;
    }

    static double relativeError(INDArray actual, INDArray expected) {
        return actual.sub(expected).amaxNumber().doubleValue() / expected.amaxNumber().doubleValue();
    }

    /** The golden Wan case's weights, and the shipped tiny model's trained weights at its own size. */
    @ParameterizedTest
    @CsvSource({"golden,2,16", "shipped,16,32"})
    void graphMatchesTheTransformerForScalarAndPerFrameTimesteps(String which, int frames, int size) throws Exception {
        Path folder = which.equals("golden") ? TINY : SHIPPED;
        WanTransformer port = new WanTransformer(WanWeights.open(folder, null, null));
        WanConfig config = port.config();
        Nd4j.getRandom().setSeed(7);
        INDArray latents = Nd4j.randn(DataType.FLOAT, 2, config.inChannels(), frames, size, size);
        INDArray text = Nd4j.randn(DataType.FLOAT, 2, 5, config.textDim());
        float[][] perFrame = new float[2][frames];
        for (int f = 0; f < frames; f++) {
            perFrame[0][f] = 700f;
            perFrame[1][f] = f == 0 ? 0f : 412.5f + 31.25f * f;
        }

        SameDiff graph = WanGraph.build(config, weights(folder, config), 2, frames, size, size, 5);
        float[] flat = new float[2 * frames];
        for (int b = 0; b < 2; b++) {
            System.arraycopy(perFrame[b], 0, flat, b * frames, frames);
        }
        Map<String, INDArray> in = Map.of(WanGraph.LATENT, latents, WanGraph.TIME, WanTransformer.sinusoidal(flat, config.freqDim()),
                WanGraph.TEXT, text);
        INDArray out = graph.output(in, WanGraph.OUTPUT).get(WanGraph.OUTPUT);

        for (int b = 0; b < 2; b++) {
            INDArray latent = latents.get(NDArrayIndex.point(b)).dup();
            int perFrameTokens = (int) port.tokens(1, size, size);
            float[] t = new float[frames * perFrameTokens];
            for (int f = 0; f < frames; f++) {
                Arrays.fill(t, f * perFrameTokens, (f + 1) * perFrameTokens, perFrame[b][f]);
            }
            INDArray expected = port.forward(latent, t, port.prompt(text.get(NDArrayIndex.point(b)).dup()));
            double error = relativeError(out.get(NDArrayIndex.point(b)), expected);
            assertTrue(error <= 1e-5, which + " clip " + b + ": relative error " + error);
        }
    }
}
