package studio.timestep.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.timestep.Main;
import studio.timestep.run.WindowStart;

/** The window-start benchmark's protocol: a window that reports its first frames and closes, and one that cannot. */
class WindowStartBenchTest {
    /** A JVM on the test class path with headless JavaFX (Monocle), as the GUI tests run. */
    private static List<String> headlessJava(String mainClass, String... properties) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Djava.awt.headless=true"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        return command;
    }

    @Test
    void theProductWindowReportsItsFirstFramesAndClosesAfterItsWarmUp() {
        double seconds = WindowStartBench.secondsToFirstFrames(headlessJava(Main.class.getName(),
                "-Dtimestep.studio.window=true", "-D" + WindowStart.PROPERTY + "=" + WindowStart.TIMED));
        assertTrue(seconds > 0 && seconds < 120, "seconds " + seconds);
    }

    @Test
    void theBlankWindowReportsItsFirstFramesAndCloses() {
        double seconds = WindowStartBench.secondsToFirstFrames(headlessJava(Main.class.getName(),
                "-Dtimestep.studio.window=true", "-D" + WindowStart.PROPERTY + "=" + WindowStart.BLANK));
        assertTrue(seconds > 0 && seconds < 120, "seconds " + seconds);
    }

    @Test
    void aWindowThatNeverDrawsIsReportedWithItsExitCodeAndLastOutput() {
        UserInputException e = assertThrows(UserInputException.class, () -> WindowStartBench.secondsToFirstFrames(
                List.of("sh", "-c", "echo one; echo two; echo three; echo 'Unable to open DISPLAY'; exit 3")));
        assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
        assertTrue(e.getMessage().endsWith("two | three | Unable to open DISPLAY"), e.getMessage());
    }

    @Test
    void theReportIsTimedWhenItsLineArrives() {
        double seconds = WindowStartBench.secondsToFirstFrames(List.of("sh", "-c",
                "echo '" + WindowStart.FIRST_FRAMES + "'; sleep 1"));
        assertTrue(seconds > 0 && seconds < 0.9, "timed at the line, not at the exit: " + seconds);
    }
}
