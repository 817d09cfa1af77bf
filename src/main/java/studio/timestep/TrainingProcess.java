package studio.timestep;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code train} command again in a child JVM whose glibc malloc keeps its memory, when
 * the user has not tuned glibc themselves.
 *
 * <p>Why: SameDiff gives every operation of every training step fresh native arrays (gigabytes a
 * step at patch [1, 4, 4]) and glibc hands large blocks back to the kernel when they are freed
 * (mmap/munmap above its threshold, heap trimming), so every step pays its page faults again. On
 * this project's machines (Firecracker VMs with free-page reporting) a 4 KiB fault costs 20–30 µs:
 * the training profile showed 20 of a 31 s step outside the operations, in {@code
 * allocateDataBuffer}. glibc reads {@code GLIBC_TUNABLES} only when a process starts and a JVM
 * cannot set its own environment first, hence the child, with:
 * <ul>
 * <li>{@code hugetlb=1}: malloc's memory is advised for transparent huge pages (a fault per 2 MiB);</li>
 * <li>{@code mmap_max=0}, a 64 GiB {@code trim_threshold} and a 1 GiB {@code top_pad}: freed
 * memory stays in the heap and the next step reuses it without faults.</li>
 * </ul>
 * Measured with {@code train --minutes 1.5} (patch [1, 4, 4], batch 8): 0.27 samples/s plain,
 * 0.34 with the last three alone, 0.51 with huge pages alone, 0.76–0.88 with all four; the
 * shipped patch-[1, 8, 8] graph 2.8 → 3.95 samples/s. Sampling gains little (5–15 %), so only
 * {@code train} is relaunched; the window's training runs in the window's process.
 */
final class TrainingProcess {
    static final String VARIABLE = "GLIBC_TUNABLES";
    static final String TUNABLES = "glibc.malloc.hugetlb=1:glibc.malloc.mmap_max=0"
            + ":glibc.malloc.trim_threshold=68719476736:glibc.malloc.top_pad=1073741824";
    static final String NOTE = "training in a child process with glibc malloc on huge pages and not returning memory "
            + "(" + VARIABLE + "), which saves the page faults of every step";

    private TrainingProcess() {
    }

    /**
     * Whether {@code args} should run in a tuned child: the train command, on Linux, launched from a
     * class path (not a module path), with no {@code GLIBC_TUNABLES} of the user's.
     */
    static boolean wanted(String[] args, Map<String, String> env, String osName, String modulePath) {
        return args.length > 0 && args[0].equals("train") && !env.containsKey(VARIABLE)
                && osName.toLowerCase(Locale.ROOT).contains("linux") && (modulePath == null || modulePath.isEmpty());
    }

    /** The same JVM, its options and class path, running {@link Main} on {@code args}. */
    static List<String> childCommand(String java, List<String> jvmOptions, String classPath, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs {@code args} in the tuned child and returns its exit code; empty when not wanted or
     * when the child cannot start (the caller then runs the command itself).
     */
    static OptionalInt runIfWanted(String[] args, PrintStream err) {
        if (!wanted(args, System.getenv(), System.getProperty("os.name", ""), System.getProperty("jdk.module.path"))) {
            return OptionalInt.empty();
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder builder = new ProcessBuilder(childCommand(java,
                ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getProperty("java.class.path"), args))
                .inheritIO();
        builder.environment().put(VARIABLE, TUNABLES);
        Process child;
        try {
            child = builder.start();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
        err.println(NOTE);
        // Ctrl-C reaches the child too, which then writes its checkpoint: wait for it before exiting
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                child.waitFor(3, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            return OptionalInt.of(child.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            return OptionalInt.of(1);
        }
    }
}
