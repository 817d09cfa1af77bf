package studio.timestep.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A save killed with SIGKILL in the middle of writing leaves the old file whole or the new one
 * whole, never half a file; the temporaries the kills leave are removed by the next save.
 */
class AtomicSaveKillTest {
    private static final int ROUNDS = 20;
    private static final int MEGABYTES = 8;

    @TempDir
    Path dir;

    private List<Path> temporaries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    /** A temporary other than those already there (left by earlier kills) holds written bytes. */
    private boolean aNewTemporaryIsBeingWritten(List<Path> before) throws IOException {
        for (Path p : temporaries()) {
            if (!before.contains(p) && Files.exists(p) && Files.size(p) > 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aKilledSaveLeavesTheOldOrTheNewFileWholeAndTheNextSaveCleansUp() throws Exception {
        Path target = dir.resolve("plan.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        byte[] first = new byte[MEGABYTES << 20];
        Arrays.fill(first, (byte) 'z');
        AtomicFiles.writeBytes(target, first);
        int killedMidWrite = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<Path> before = temporaries();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    AtomicSaveChild.class.getName(), target.toString(), Integer.toString(MEGABYTES))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> aNewTemporaryIsBeingWritten(before));
                killedMidWrite++;
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            assertTrue(Files.exists(target), "round " + round + ": the file is still there");
            byte[] bytes = Files.readAllBytes(target);
            assertEquals(MEGABYTES << 20, bytes.length, "round " + round + ": the file is whole");
            for (byte b : bytes) {
                if (b != bytes[0]) {
                    throw new AssertionError("round " + round + ": the file mixes two saves");
                }
            }
        }
        assertEquals(ROUNDS, killedMidWrite);
        assertTrue(!temporaries().isEmpty(), "the last kill left its temporary");
        AtomicFiles.writeString(target, "{}");
        assertEquals(List.of(), temporaries(), "the next save removes what killed saves left");
        assertEquals("{}", Files.readString(target));
    }
}
