package studio.timestep.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingChildTest {
    @Test
    void progressLinesReadBackAsTheyWereWritten() {
        TrainingProgress p = new TrainingProgress(1204, 0.0699, 0.5, 0.2);
        assertEquals(p, TrainingProgress.parse(p.line()).orElseThrow());
        assertEquals(new TrainingProgress(3, Double.NaN, 0.25, 1), TrainingProgress.parse("progress step=3 loss=NaN "
                + "samples/s=0.25 done=1.0").orElseThrow());
        assertTrue(TrainingProgress.parse("continuing from step 3 (0.1 min trained)").isEmpty());
        assertTrue(TrainingProgress.parse("progress step=x loss=1 samples/s=1 done=1").isEmpty());
    }

    @Test
    void aChildToldToStopWritesItsCheckpointAndModel(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("m");
        CountDownLatch stepped = new CountDownLatch(1);
        List<TrainingProgress> steps = new CopyOnWriteArrayList<>();
        List<String> messages = new CopyOnWriteArrayList<>();
        TrainingChild child = TrainingChild.start(List.of("--clips", "embedded", "--minutes", "30", "--out", out.toString()),
                p -> {
                    steps.add(p);
                    stepped.countDown();
                }, messages::add);
        assertTrue(stepped.await(5, TimeUnit.MINUTES), "no step reported; the child said " + messages);
        child.stop();
        TrainingChild.Ending end = child.waitFor();
        assertTrue(end.wroteModel(), end.toString());
        assertEquals(TrainingChild.TERMINATED, end.exitCode());
        assertEquals(1, steps.get(0).step());
        assertTrue(Double.isFinite(steps.get(0).loss()), "the first step measures the loss");
        assertTrue(Files.isRegularFile(out.resolve("model_index.json")));
        assertTrue(Files.isRegularFile(out.resolve("checkpoint/state.json")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("tiny Wan: dim 128")), messages.toString());
    }

    @Test
    void aChildThatCannotTrainSaysWhy(@TempDir Path dir) throws Exception {
        TrainingChild child = TrainingChild.start(List.of("--clips", dir.resolve("none").toString(), "--minutes", "1", "--out",
                dir.resolve("m").toString()), p -> { }, m -> { });
        TrainingChild.Ending end = child.waitFor();
        assertFalse(end.wroteModel());
        assertTrue(end.lastMessage().contains("--clips") && end.lastMessage().contains("neither 'embedded' nor a folder"),
                end.lastMessage());
    }
}
