package studio.timestep.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.param.ParameterRange;
import studio.timestep.run.ChildJvm;
import studio.timestep.run.WindowStart;

/**
 * Seconds from {@code java -jar} to the window's first frames, as a user starts it, against a
 * window with one label on the same class path and JVM, interleaved so that both see
 * the same state of a shared machine. Each window says when it has drawn (on its output, read here
 * as it comes) and closes itself, so nothing polls the display while it starts: polling the X
 * server for the window every 20 ms (xdotool) made the same start look ~1.1 s slower here.
 */
@Command(name = "window", mixinStandardHelpOptions = true,
        description = "Seconds from `java -jar` to the window's first frames, against a window with one label (needs a display).")
final class WindowStartBench implements Runnable {
    /** How long one start may take before the benchmark gives up on it. */
    private static final long START_SECONDS = 120;
    /** Lines of a failed start's output quoted in the error. */
    private static final int QUOTED_LINES = 3;

    @Option(names = "--starts", defaultValue = "5", description = "timed starts of each window (default: ${DEFAULT-VALUE})")
    int starts;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ParameterRange.closed("starts", 1, 100).checkInt(starts);
        Path jar = ChildJvm.jar().orElseThrow(() -> new UserInputException(
                "bench window times `java -jar`: run it from the jar (java -jar target/timestep-studio.jar bench window)"));
        String java = ChildJvm.java();
        List<String> studio = List.of(java, "-D" + WindowStart.PROPERTY + "=" + WindowStart.TIMED, "-jar", jar.toString());
        // -Xshare (the JVM's default, auto) opens the window in the first JVM, without the class archive
        List<String> blank = List.of(java, "-Xshare:auto", "-D" + WindowStart.PROPERTY + "=" + WindowStart.BLANK, "-jar",
                jar.toString());
        PrintWriter out = spec.commandLine().getOut();
        // the first start of a jar writes its class archive, which later starts map; the first of each fills the file cache
        out.printf(Locale.ROOT, "untimed first starts: the window %.2f s, the blank window %.2f s%n", secondsToFirstFrames(studio),
                secondsToFirstFrames(blank));
        out.flush();
        double[] studioSeconds = new double[starts];
        double[] blankSeconds = new double[starts];
        for (int i = 0; i < starts; i++) {
            studioSeconds[i] = secondsToFirstFrames(studio);
            blankSeconds[i] = secondsToFirstFrames(blank);
        }
        double median = WanBlockBench.median(studioSeconds);
        double blankMedian = WanBlockBench.median(blankSeconds);
        out.printf(Locale.ROOT, "window's first frames after java -jar: median %.2f s (%s) over %d starts (target <= 3 s)%n",
                median, range(studioSeconds), starts);
        out.printf(Locale.ROOT, "a window with one label, same class path: median %.2f s (%s); ratio %.2f%n", blankMedian,
                range(blankSeconds), median / blankMedian);
    }

    /** Starts {@code command}, returns the seconds until it reports its first frames, and waits for it to close. */
    static double secondsToFirstFrames(List<String> command) {
        long start = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UserInputException("could not start " + command.get(0) + ": " + e.getMessage());
        }
        AtomicLong drawn = new AtomicLong(-1);
        Deque<String> last = new ArrayDeque<>();
        // read on a thread of its own: the line arrives while the window runs, and a window that hangs must not hang the bench
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.equals(WindowStart.FIRST_FRAMES)) {
                        drawn.compareAndSet(-1, System.nanoTime());
                    }
                    synchronized (last) {
                        last.addLast(line);
                        if (last.size() > QUOTED_LINES) {
                            last.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the window was stopped: what it printed so far is kept
            }
        }, "window-output");
        reader.setDaemon(true);
        reader.start();
        try {
            boolean ended = p.waitFor(START_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                stop(p);
                throw new UserInputException("the window did not close within " + START_SECONDS + " s of starting");
            }
            reader.join(TimeUnit.SECONDS.toMillis(START_SECONDS));
        } catch (InterruptedException e) {
            stop(p);
            Thread.currentThread().interrupt();
            throw new UserInputException("interrupted");
        }
        if (drawn.get() < 0) {
            synchronized (last) {
                throw new UserInputException("the window did not draw (exit code " + p.exitValue() + "; it needs a display, DISPLAY="
                        + System.getenv("DISPLAY") + "); its last output: " + String.join(" | ", last));
            }
        }
        return (drawn.get() - start) / 1e9;
    }

    /** Stops a window and the JVM it started (java -jar runs the window in a child). */
    private static void stop(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static String range(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return String.format(Locale.ROOT, "%.2f–%.2f", min, max);
    }
}
