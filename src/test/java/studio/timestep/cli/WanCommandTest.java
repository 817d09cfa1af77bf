package studio.timestep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.timestep.TestData;
import studio.timestep.io.SafetensorsFile;
import studio.timestep.io.SafetensorsWriter;

/** `wan check`, `wan info` and `sample --model wan:DIR` on the golden folders. */
class WanCommandTest {
    static final Path GOLDEN = TestData.wanGolden();

    @TempDir
    Path dir;

    @Test
    void checkPassesOnTheGoldenCasesAndFailsOnAWrongOne() throws Exception {
        for (String folder : List.of("tiny", "head128")) {
            Path model = GOLDEN.resolve(folder);
            ScheduleCommandTest.Result r = ScheduleCommandTest.run("wan", "check", "--model", model.toString(), "--case",
                    model.resolve("case.safetensors").toString());
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("timestep_per_token   → output_per_token") && r.out().contains("ok"), r.out());
            r = ScheduleCommandTest.run("wan", "check", "--model", model.toString(), "--variant", "bf16", "--case",
                    model.resolve("case.safetensors").toString());
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("output_bf16_weights"), r.out());
        }
        // a case whose expected output is 1 % off fails with exit code 1
        Path tiny = GOLDEN.resolve("tiny");
        SafetensorsFile golden = SafetensorsFile.open(tiny.resolve("case.safetensors"));
        Map<String, SafetensorsWriter.Tensor> tensors = new LinkedHashMap<>();
        for (String name : List.of("hidden_states", "encoder_hidden_states", "timestep", "output")) {
            float[] v = golden.floats(name);
            if (name.equals("output")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] *= 1.01f;
                }
            }
            tensors.put(name, new SafetensorsWriter.Tensor(v, golden.info(name).shape()));
        }
        SafetensorsWriter.write(dir.resolve("off.safetensors"), tensors);
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("wan", "check", "--model", tiny.toString(), "--case",
                dir.resolve("off.safetensors").toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL"), r.out());
    }

    @Test
    void aCaseOfOtherShapesAndAConfigThatMissesBlocksAreOneLine() throws Exception {
        Path tiny = GOLDEN.resolve("tiny");
        SafetensorsFile golden = SafetensorsFile.open(tiny.resolve("case.safetensors"));
        Map<String, SafetensorsWriter.Tensor> tensors = new LinkedHashMap<>();
        for (String name : List.of("hidden_states", "encoder_hidden_states", "timestep", "output")) {
            tensors.put(name, new SafetensorsWriter.Tensor(golden.floats(name), golden.info(name).shape()));
        }
        float[] output = golden.floats("output");
        tensors.put("output", new SafetensorsWriter.Tensor(Arrays.copyOf(output, output.length / 2),
                new long[] {output.length / 2}));
        SafetensorsWriter.write(dir.resolve("half.safetensors"), tensors);
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("wan", "check", "--model", tiny.toString(), "--case",
                dir.resolve("half.safetensors").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().trim().startsWith("check: --case: output has shape [") && r.err().trim().lines().count() == 1, r.err());

        Path fewer = Files.createDirectories(dir.resolve("fewer"));
        for (String f : List.of("diffusion_pytorch_model.safetensors")) {
            Files.copy(tiny.resolve(f), fewer.resolve(f));
        }
        Files.writeString(fewer.resolve("config.json"), Files.readString(tiny.resolve("config.json"))
                .replace("\"num_layers\": 2", "\"num_layers\": 1"));
        r = ScheduleCommandTest.run("wan", "info", "--model", fewer.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("tensor(s) the config does not use, e.g. 'blocks.1.") && r.err().contains("num_layers is 1"),
                r.err());
    }

    @Test
    void infoPrintsParametersAndMemory() {
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("wan", "info", "--model", GOLDEN.resolve("head128").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("parameters  1,426,496"), r.out());
        assertTrue(r.out().contains("FLOAT32 5.4 MiB, BF16 2.7 MiB"), r.out());
        assertTrue(r.out().contains("dim 256 (2 heads × 128)"), r.out());
    }

    @Test
    void infoReportsAWan22PipelinesSecondExpert() throws Exception {
        for (String part : List.of("transformer", "transformer_2")) {
            Path folder = Files.createDirectories(dir.resolve(part));
            for (String file : List.of("config.json", "diffusion_pytorch_model.safetensors")) {
                Files.copy(GOLDEN.resolve("tiny").resolve(file), folder.resolve(file));
            }
        }
        Files.writeString(dir.resolve("model_index.json"), "{\"boundary_ratio\": 0.9}");
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("wan", "info", "--model", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("transformer_2 (the low-noise expert, from boundary_ratio 0.9 down):"), r.out());
    }

    @Test
    void badModelFolderIsOneLine() {
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("wan", "info", "--model", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is not a Wan model folder"), r.err());
    }

    @Test
    void sampleRunsTheTinyModelAndWritesALatentPreview() throws Exception {
        Path embeds = dir.resolve("p.safetensors");
        SafetensorsWriter.write(embeds, Map.of("prompt_embeds", new SafetensorsWriter.Tensor(new float[3 * 16], new long[] {3, 16})));
        Path out = dir.resolve("run");
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("sample", "--model", "wan:" + GOLDEN.resolve("tiny"),
                "--prompt-embeds", embeds.toString(), "--guidance", "1", "--width", "64", "--height", "32", "--frames", "5",
                "--steps", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1 + 3, Files.readAllLines(out.resolve("metrics.csv")).size());
        assertEquals(2, Files.list(out.resolve("frames")).count(), "5 video frames are 2 latent frames");
        SafetensorsFile latents = SafetensorsFile.open(out.resolve("latents.safetensors"));
        assertEquals(List.of(2L, 4L, 4L, 8L), Arrays.stream(latents.info("latents").shape()).boxed().toList());
        assertTrue(r.out().contains("latent-preview frames"), r.out());
    }

    @Test
    void sampleWithWanChecksSizesAndEmbeddings() {
        String model = "wan:" + GOLDEN.resolve("tiny");
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("sample", "--model", model, "--width", "60", "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--width: must be a positive multiple of 16, got 60"), r.err());
        r = ScheduleCommandTest.run("sample", "--model", model, "--frames", "6", "--out", dir.toString());
        assertTrue(r.err().contains("--frames: must be 4k + 1"), r.err());
        r = ScheduleCommandTest.run("sample", "--model", model, "--width", "64", "--height", "32", "--frames", "5", "--out",
                dir.toString());
        assertTrue(r.err().contains("--prompt-embeds: this Wan folder has no tokenizer/ and text_encoder/"), r.err());
        r = ScheduleCommandTest.run("sample", "--model", model, "--width", "64", "--height", "32", "--frames", "5",
                "--guidance", "1", "--prompt-embeds", dir.resolve("absent.safetensors").toString(), "--out", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("prompt: " + dir.resolve("absent.safetensors") + " is not a file"), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("sample:")).count(), r.err());
    }
}
