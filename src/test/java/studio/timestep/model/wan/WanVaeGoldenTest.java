package studio.timestep.model.wan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import studio.timestep.TestData;
import studio.timestep.io.SafetensorsFile;

/** The Wan2.1 VAE decode against the golden case in src/test/resources/golden/wan-vae (float64 transcription of diffusers). */
class WanVaeGoldenTest {
    static final Path GOLDEN = TestData.path("golden/wan-vae/tiny");

    /** [1, C, T, H, W] (the case's layout) → [T, C, H, W] (the decoder's frames). */
    static INDArray frames(INDArray video) {
        return video.reshape(video.size(1), video.size(2), video.size(3), video.size(4)).permute(1, 0, 2, 3).dup('c');
    }

    @Test
    void theDecodeMatchesTheGoldenFrameByFrame() throws Exception {
        WanVaeDecoder vae = WanVaeDecoder.open(GOLDEN.resolve("vae"));
        SafetensorsFile c = SafetensorsFile.open(GOLDEN.resolve("case.safetensors"));
        INDArray latents = c.array("latents");
        latents = latents.reshape(latents.size(1), latents.size(2), latents.size(3), latents.size(4));
        double error = WanGoldenTest.relativeError(vae.unnormalize(latents), c.array("latents_unnormalized").reshape(latents.shape()));
        assertTrue(error <= 1e-6, "un-normalisation: relative error " + error);

        List<INDArray> chunks = new ArrayList<>();
        vae.decode(latents, false, chunks::add);
        // latent frame 0 gives one frame, each later one four: 3 latent frames → 9 frames
        assertEquals(List.of(1L, 4L, 4L), chunks.stream().map(x -> x.size(0)).toList());
        INDArray raw = org.nd4j.linalg.factory.Nd4j.concat(0, chunks.toArray(INDArray[]::new));
        assertArrayEquals(new long[] {9, 3, 32, 48}, raw.shape());
        error = WanGoldenTest.relativeError(raw, frames(c.array("decoder_output")));
        assertTrue(error <= 1e-4, "decoder_output: relative error " + error);
        INDArray video = vae.decode(latents, true);
        error = WanGoldenTest.relativeError(video, frames(c.array("video")));
        assertTrue(error <= 1e-4, "video: relative error " + error);
        assertEquals(1.0, video.amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void frameZeroDependsOnLatentFrameZeroOnly() throws Exception {
        WanVaeDecoder vae = WanVaeDecoder.open(GOLDEN.resolve("vae"));
        SafetensorsFile c = SafetensorsFile.open(GOLDEN.resolve("case.safetensors"));
        INDArray latents = c.array("latents");
        latents = latents.reshape(latents.size(1), latents.size(2), latents.size(3), latents.size(4));
        INDArray changed = latents.dup();
        changed.get(NDArrayIndex.all(), NDArrayIndex.point(2)).addi(1);
        INDArray a = vae.decode(latents, false);
        INDArray b = vae.decode(changed, false);
        // frames 0–4 come from latent frames 0–1: unchanged; frames 5–8 see latent frame 2
        assertEquals(0.0, a.get(NDArrayIndex.interval(0, 5)).sub(b.get(NDArrayIndex.interval(0, 5))).amaxNumber().doubleValue());
        assertTrue(a.get(NDArrayIndex.interval(5, 9)).sub(b.get(NDArrayIndex.interval(5, 9))).amaxNumber().doubleValue() > 1e-3);
    }
}
