package studio.timestep.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The {@code train} command in a child JVM whose glibc malloc keeps its memory on huge pages. The
 * command line relaunches itself this way, and the window trains this way too: in the window's own
 * process (no tuning) training ran at 0.27 samples/s against 0.76–0.88 in the tuned child, and
 * the training's memory (8–14 GB at batch 8) is the child's, returned to the system when it ends.
 *
 * <p>Why the tuning: SameDiff gives every operation of every training step fresh native arrays
 * (gigabytes a step at patch [1, 4, 4]) and glibc hands large blocks back to the kernel when they
 * are freed (mmap/munmap above its threshold, heap trimming), so every step pays its page faults
 * again. On this project's machines (Firecracker VMs with free-page reporting) a 4 KiB fault costs
 * 20–30 µs: the training profile showed 20 of a 31 s step outside the operations, in {@code
 * allocateDataBuffer}. glibc reads {@code GLIBC_TUNABLES} only when a process starts and a JVM
 * cannot set its own environment first, hence the child, with:
 * <ul>
 * <li>{@code hugetlb=1}: malloc's memory is advised for transparent huge pages (a fault per 2 MiB);</li>
 * <li>{@code mmap_max=0}, a 64 GiB {@code trim_threshold} and a 1 GiB {@code top_pad}: freed
 * memory stays in the heap and the next step reuses it without faults.</li>
 * </ul>
 * Measured with {@code train --minutes 1.5} (patch [1, 4, 4], batch 8): 0.27 samples/s plain,
 * 0.34 with the last three alone, 0.51 with huge pages alone, 0.76–0.88 with all four.
 */
public final class TrainingChild {
    public static final String VARIABLE = "GLIBC_TUNABLES";
    public static final String TUNABLES = "glibc.malloc.hugetlb=1:glibc.malloc.mmap_max=0"
            + ":glibc.malloc.trim_threshold=68719476736:glibc.malloc.top_pad=1073741824";
    /**
     * The jar's entry point, which chooses the OpenBLAS core before ND4J loads. Named by string
     * because the run layer sits below it; {@code TrainingProcessTest} checks the name.
     */
    public static final String ENTRY = "studio.timestep.Main";
    /** How long the child may take to write its checkpoint and model after it is told to stop. */
    private static final long STOP_MINUTES = 3;

    /** The exit code of a JVM ended by SIGTERM (128 + 15), after its shutdown hooks ran. */
    static final int TERMINATED = 143;

    /** How the child ended: its exit code, whether it was told to stop, and its last line that was not progress. */
    public record Ending(int exitCode, boolean stopped, String lastMessage) {
        /**
         * Whether it wrote its model: it finished, or it was told to stop and ended by that signal
         * (the command writes its checkpoint and model before the JVM exits).
         */
        public boolean wroteModel() {
            return exitCode == 0 || stopped && exitCode == TERMINATED;
        }
    }

    private final Process process;
    private final Thread reader;
    private final Thread onExit;
    private volatile boolean stopRequested;
    private volatile String lastMessage = "";

    private TrainingChild(Process process, Consumer<TrainingProgress> progress, Consumer<String> message) {
        this.process = process;
        this.reader = new Thread(() -> follow(progress, message), "training-child-output");
        reader.setDaemon(true);
        reader.start();
        // the window closing while the child trains: stop it, so it writes what it has rather than running on alone
        this.onExit = new Thread(this::stopAndWait, "training-child-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** The same JVM, its options (but those {@link ChildJvm} keeps back) and class path, running the entry point on {@code args}. */
    public static List<String> command(String java, List<String> jvmOptions, String classPath, List<String> args) {
        return ChildJvm.command(java, jvmOptions, List.of(), classPath, ENTRY, args);
    }

    /**
     * A process builder for {@code args} in a child of this JVM, with glibc tuned unless the
     * user tuned it already (their setting is inherited).
     */
    public static ProcessBuilder builder(List<String> args) {
        ProcessBuilder builder = new ProcessBuilder(command(ChildJvm.java(), ChildJvm.options(), System.getProperty("java.class.path"),
                args));
        builder.environment().putIfAbsent(VARIABLE, TUNABLES);
        return builder;
    }

    /**
     * Starts {@code train} with {@code args} (the command's options, without {@code --progress-lines},
     * which is added) and tells {@code progress} of every step and {@code message} of every other line
     * it writes, on a reader thread.
     */
    public static TrainingChild start(List<String> args, Consumer<TrainingProgress> progress, Consumer<String> message)
            throws IOException {
        List<String> all = new ArrayList<>();
        all.add("train");
        all.addAll(args);
        all.add(TrainingProgress.OPTION);
        ProcessBuilder builder = builder(all).redirectErrorStream(true);
        return new TrainingChild(builder.start(), progress, message);
    }

    private void follow(Consumer<TrainingProgress> progress, Consumer<String> message) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                var step = TrainingProgress.parse(line);
                if (step.isPresent()) {
                    progress.accept(step.get());
                } else if (!line.isBlank()) {
                    lastMessage = line.strip();
                    message.accept(lastMessage);
                }
            }
        } catch (IOException e) {
            lastMessage = "the training process's output could not be read (" + e.getMessage() + ")";
        }
    }

    /**
     * Asks the child to stop after its current step: the signal a Ctrl-C sends, on which the command
     * writes its checkpoint and model before it exits.
     */
    public void stop() {
        stopRequested = true;
        process.destroy();
    }

    private void stopAndWait() {
        stopRequested = true;
        stopAndWait(process);
    }

    /**
     * Asks a training child to stop (as {@link #stop}) and waits for it to write its checkpoint and
     * model, at most {@link #STOP_MINUTES}. A second signal to a child already stopping changes
     * nothing: its JVM is running its shutdown hooks.
     */
    public static void stopAndWait(Process child) {
        if (child.isAlive()) {
            child.destroy();
            try {
                child.waitFor(STOP_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the child to end and for its last line to be read. */
    public Ending waitFor() throws InterruptedException {
        int code = process.waitFor();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running or done
        }
        String last = lastMessage.isEmpty() ? String.format(Locale.ROOT, "the training process ended with code %d", code)
                : lastMessage;
        return new Ending(code, stopRequested, last);
    }
}
