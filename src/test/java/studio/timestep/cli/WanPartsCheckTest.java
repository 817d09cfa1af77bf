package studio.timestep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.timestep.TestData;
import studio.timestep.TinyWanPipeline;
import studio.timestep.io.SafetensorsFile;

/** `wan text-check` and `wan vae-check` on the golden folders, and on cases made 1 % wrong. */
class WanPartsCheckTest {
    static final Path UMT5 = TestData.path("golden/umt5");

    @TempDir
    Path dir;

    /** A copy of a case file with the named F32 tensors multiplied by 1.01 in place. */
    static Path perturbed(Path caseFile, Path out, List<String> names) throws Exception {
        byte[] bytes = Files.readAllBytes(caseFile);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long dataStart = 8 + b.getLong(0);
        SafetensorsFile file = SafetensorsFile.open(caseFile);
        for (String name : names) {
            SafetensorsFile.TensorInfo t = file.info(name);
            for (long at = dataStart + t.begin(); at < dataStart + t.end(); at += 4) {
                b.putFloat((int) at, b.getFloat((int) at) * 1.01f);
            }
        }
        return Files.write(out, bytes);
    }

    @Test
    void textCheckPassesOnTheF32AndBf16GoldensAndFailsOnAOnePercentError() throws Exception {
        for (String folder : List.of("tiny", "tiny-bf16")) {
            Path model = UMT5.resolve(folder);
            ScheduleCommandTest.Result r = ScheduleCommandTest.run("wan", "text-check", "--model", model.toString(), "--case",
                    model.resolve("case.safetensors").toString());
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("last_hidden_state") && r.out().contains("prompt_embeds") && !r.out().contains("FAIL"),
                    r.out());
        }
        Path off = perturbed(UMT5.resolve("tiny/case.safetensors"), dir.resolve("off.safetensors"), List.of("last_hidden_state"));
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("wan", "text-check", "--model", UMT5.resolve("tiny").toString(),
                "--case", off.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("last_hidden_state") && l.contains("FAIL")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("prompt_embeds") && l.contains(" ok ")), r.out());

        r = ScheduleCommandTest.run("wan", "text-check", "--model", dir.toString(), "--case", off.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("text-check: --model: " + dir.getFileName() + ": has no config.json (a text encoder folder holds config.json "
                + "and model.safetensors)", r.err().trim());
    }

    @Test
    void vaeCheckPassesOnTheGoldenAndFailsOnAOnePercentError() throws Exception {
        Path golden = TestData.path("golden/wan-vae/tiny");
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("wan", "vae-check", "--model", golden.resolve("vae").toString(),
                "--case", golden.resolve("case.safetensors").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("decoder_output") && r.out().contains("video") && !r.out().contains("FAIL"), r.out());

        Path off = perturbed(golden.resolve("case.safetensors"), dir.resolve("off.safetensors"), List.of("decoder_output", "video"));
        r = ScheduleCommandTest.run("wan", "vae-check", "--model", golden.resolve("vae").toString(), "--case", off.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals(2, r.out().lines().filter(l -> l.contains("FAIL")).count(), r.out());

        // a transformer folder is not a VAE: one sentence naming the file
        r = ScheduleCommandTest.run("wan", "vae-check", "--model", TestData.wanGolden().resolve("tiny").toString(), "--case",
                off.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().trim().startsWith("vae-check: --model: config.json _class_name: is 'WanTransformer3DModel', expected "
                + "AutoencoderKLWan") && r.err().trim().lines().count() == 1, r.err());
    }

    @Test
    void sampleGoesFromPromptTextToDecodedFramesWithThePipelineFolderAlone() throws Exception {
        Path pipeline = TinyWanPipeline.build(dir.resolve("pipeline"));
        Path cache = dir.resolve("cache");
        System.setProperty("studio.cache", cache.toString());
        try {
            ScheduleCommandTest.Result r = ScheduleCommandTest.run("sample", "--model", "wan:" + pipeline, "--prompt", "a red ball",
                    "--negative-prompt", "blue", "--guidance", "3", "--width", "32", "--height", "32", "--frames", "5", "--steps", "3",
                    "--out", dir.resolve("run").toString());
            assertEquals(0, r.code(), r.err());
            // 2 latent frames of 4×4 → the VAE's 1 + 4 frames of 32×32, written as pictures (not the latent projection)
            assertEquals(5, Files.list(dir.resolve("run/frames")).count());
            assertTrue(r.out().contains("5 frames decoded by the VAE"), r.out());
            // each prompt is encoded once and kept: the prompt and the negative prompt
            assertEquals(2, Files.list(cache.resolve("prompt-embeds")).count());
            byte[] first = Files.readAllBytes(dir.resolve("run/latents.safetensors"));
            r = ScheduleCommandTest.run("sample", "--model", "wan:" + pipeline, "--prompt", "a  red ball ", "--negative-prompt", "blue",
                    "--guidance", "3", "--width", "32", "--height", "32", "--frames", "5", "--steps", "3", "--out",
                    dir.resolve("again").toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(2, Files.list(cache.resolve("prompt-embeds")).count(), "the cleaned prompt is the same prompt");
            assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(dir.resolve("again/latents.safetensors"))));
        } finally {
            System.clearProperty("studio.cache");
        }
        ScheduleCommandTest.Result info = ScheduleCommandTest.run("wan", "info", "--model", pipeline.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("tokenizer   " + pipeline.resolve("tokenizer/tokenizer.json"))
                && info.out().contains("umT5 encoder: d_model 16, 4 heads × 4, d_ff 32, 2 layers, vocabulary 300")
                && info.out().contains("AutoencoderKLWan: z_dim 4"), info.out());

        // a text encoder as wide as another transformer's: one sentence naming its config
        Files.writeString(pipeline.resolve("text_encoder/config.json"), Files.readString(TestData.path("golden/umt5/tiny/config.json")));
        Files.copy(TestData.path("golden/umt5/tiny/model.safetensors"), pipeline.resolve("text_encoder/model.safetensors"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("sample", "--model", "wan:" + pipeline, "--guidance", "1", "--width",
                "32", "--height", "32", "--frames", "5", "--steps", "2", "--out", dir.resolve("wide").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("config.json d_model: is 32 but the transformer's text_dim is 16"), r.err());
    }
}
