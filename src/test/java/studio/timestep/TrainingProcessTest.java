package studio.timestep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.timestep.run.TrainingChild;

/** The train command runs in a child JVM with glibc's allocator tuned, unless the user tuned it. */
class TrainingProcessTest {
    private static final String[] TRAIN = {"train", "--minutes", "1", "--out", "x"};

    @Test
    void onlyTrainingOnLinuxFromAClassPathWithoutTheUsersTunablesIsRelaunched() {
        assertTrue(TrainingProcess.wanted(TRAIN, Map.of(), "Linux", null));
        assertFalse(TrainingProcess.wanted(TRAIN, Map.of("GLIBC_TUNABLES", "glibc.malloc.check=0"), "Linux", null));
        assertFalse(TrainingProcess.wanted(new String[] {"sample", "--out", "x"}, Map.of(), "Linux", null));
        assertFalse(TrainingProcess.wanted(new String[0], Map.of(), "Linux", null));
        assertFalse(TrainingProcess.wanted(TRAIN, Map.of(), "Windows 11", null));
        assertFalse(TrainingProcess.wanted(TRAIN, Map.of(), "Linux", "/opt/javafx/lib"));
    }

    @Test
    void theChildIsTheSameJvmWithItsOptionsAndClassPathRunningMainOnTheSameArguments() {
        assertEquals(List.of("/jdk/bin/java", "-Xmx4g", "-Dstudio.cache=/c", "-cp", "a.jar:b.jar", "studio.timestep.Main",
                "train", "--minutes", "1", "--out", "x"),
                TrainingChild.command("/jdk/bin/java", List.of("-Xmx4g", "-Dstudio.cache=/c"), "a.jar:b.jar", List.of(TRAIN)));
        assertEquals(Main.class.getName(), TrainingChild.ENTRY);
        // a debugger's port, a flight recording and a class archive to write stay with the parent
        assertEquals(List.of("/jdk/bin/java", "-Xmx4g", "-cp", "a.jar", "studio.timestep.Main", "train"),
                TrainingChild.command("/jdk/bin/java", List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-Xmx4g",
                        "-XX:StartFlightRecording=filename=x.jfr", "-XX:ArchiveClassesAtExit=/c/a.jsa.part"), "a.jar", List.of("train")));
    }

    @Test
    void theLaunchedTrainCommandSaysItRunsInTheTunedChildAndTheChildAnswers(@TempDir Path dir) throws Exception {
        Result plain = launch(dir, null);
        assertTrue(plain.err().contains(TrainingProcess.NOTE), plain.err());
        // the child's own answer to the bad option, not the parent's
        assertTrue(plain.err().contains("minutes"), plain.err());
        assertNotEquals(0, plain.code());
        Result tunedByUser = launch(dir, "glibc.malloc.check=0");
        assertFalse(tunedByUser.err().contains(TrainingProcess.NOTE), tunedByUser.err());
        assertTrue(tunedByUser.err().contains("minutes"), tunedByUser.err());
        assertEquals(plain.code(), tunedByUser.code());
    }

    @Test
    void aParentToldToStopStopsItsChildAndWaitsForIt() throws Exception {
        Process child = new ProcessBuilder("sleep", "600").start();
        TrainingChild.stopAndWait(child);
        assertFalse(child.isAlive());
        assertEquals(143, child.exitValue(), "ended by SIGTERM, as a JVM child writes its checkpoint on");
    }

    private record Result(int code, String err) {
    }

    private static Result launch(Path dir, String tunables) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "train", "--minutes", "0", "--out",
                dir.resolve("model").toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove(TrainingChild.VARIABLE);
        if (tunables != null) {
            builder.environment().put(TrainingChild.VARIABLE, tunables);
        }
        Process p = builder.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), err);
    }
}
