package studio.timestep;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import studio.timestep.run.TrainingChild;

/**
 * Runs the {@code train} command again in a child JVM whose glibc malloc keeps its memory, when
 * the user has not tuned glibc themselves ({@link TrainingChild} says why and what it measured).
 * Sampling gains little from the tuning (5–15 %), so only {@code train} is relaunched.
 */
final class TrainingProcess {
    static final String NOTE = "training in a child process with glibc malloc on huge pages and not returning memory "
            + "(" + TrainingChild.VARIABLE + "), which saves the page faults of every step";

    private TrainingProcess() {
    }

    /**
     * Whether {@code args} should run in a tuned child: the train command, on Linux, launched from a
     * class path (not a module path), with no {@code GLIBC_TUNABLES} of the user's.
     */
    static boolean wanted(String[] args, Map<String, String> env, String osName, String modulePath) {
        return args.length > 0 && args[0].equals("train") && !env.containsKey(TrainingChild.VARIABLE)
                && osName.toLowerCase(Locale.ROOT).contains("linux") && (modulePath == null || modulePath.isEmpty());
    }

    /**
     * Runs {@code args} in the tuned child and returns its exit code; empty when not wanted or
     * when the child cannot start (the caller then runs the command itself).
     */
    static OptionalInt runIfWanted(String[] args, PrintStream err) {
        if (!wanted(args, System.getenv(), System.getProperty("os.name", ""), System.getProperty("jdk.module.path"))) {
            return OptionalInt.empty();
        }
        ProcessBuilder builder = TrainingChild.builder(List.of(args)).inheritIO();
        Process child;
        try {
            child = builder.start();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
        err.println(NOTE);
        // Ctrl-C in a terminal reaches the child too, but a SIGTERM to this parent alone (timeout, a service
        // manager) did not, and the child trained on without it: pass the stop on and wait for the checkpoint
        Runtime.getRuntime().addShutdownHook(new Thread(() -> TrainingChild.stopAndWait(child)));
        try {
            return OptionalInt.of(child.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            return OptionalInt.of(1);
        }
    }
}
