package studio.timestep;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import studio.timestep.run.ChildJvm;

/**
 * Opens the window in a child JVM that maps the classes of an earlier start from a class-data
 * archive (application class-data sharing: JEP 310, archived at exit as in JEP 350). The window
 * loads ~7,500 classes before it shows (JavaFX and its controls, JFreeChart, Swing's look and feel
 * that JFreeChart pulls in, Jackson for the presets); reading them from the jars and verifying them
 * cost about a second of a 5–6 s start here. Mapped from the archive they are parsed and verified already.
 *
 * <p>A JVM takes the archive only from its command line, so {@code java -jar} starts a small
 * parent that starts the window's JVM: the first time with {@code -XX:ArchiveClassesAtExit}, which
 * writes the archive when the window closes, then with {@code -XX:SharedArchiveFile}. The archive
 * is kept in the user's cache, named after the jar (path, size, time) and the JVM's version; the JVM
 * itself refuses an archive whose class path changed, quietly, and the window then starts as before.
 */
final class WindowProcess {
    /** Set in the window's JVM, so that it does not start another. */
    static final String CHILD_PROPERTY = "timestep.studio.window";
    private static final String PREFIX = "classes-";
    private static final String SUFFIX = ".jsa";
    /** How long a parent told to stop waits for the window's JVM to end. */
    private static final long STOP_SECONDS = 30;

    private WindowProcess() {
    }

    /**
     * Whether to open the window in a child: started from a jar, not the child already, and the user
     * chose nothing about class sharing themselves.
     */
    static boolean wanted(Optional<Path> jar, List<String> jvmOptions, String childProperty) {
        return jar.isPresent() && childProperty == null && jvmOptions.stream().noneMatch(o -> o.startsWith("-Xshare")
                || o.startsWith("-XX:SharedArchiveFile") || o.startsWith("-XX:ArchiveClassesAtExit"));
    }

    /** The archive for {@code jar} on the JVM {@code vmVersion}: another jar, a rebuilt one or another JVM gets another. */
    static Path archive(Path cache, Path jar, String vmVersion) throws IOException {
        String key = jar.toAbsolutePath().normalize() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis()
                + "|" + vmVersion;
        return cache.resolve(PREFIX + Integer.toHexString(key.hashCode()) + SUFFIX);
    }

    /** The child's class-sharing options: map the archive if it is there, else write it at exit to {@code partial}. */
    static List<String> options(Path archive, Path partial) {
        String share = Files.isRegularFile(archive) ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + partial;
        // the JVM's notes on classes it does not archive (old class-file versions) are not for the user
        return List.of("-Xlog:cds*=off", share, "-D" + CHILD_PROPERTY + "=true");
    }

    /**
     * Runs the window's JVM on {@code args} with {@code mainClass} from {@code jar} and returns its
     * exit code; throws only when the child could not start.
     */
    static int run(String java, List<String> jvmOptions, Path jar, String mainClass, List<String> args, Path cache)
            throws IOException, InterruptedException {
        Path archive = archive(cache, jar, System.getProperty("java.vm.version"));
        Path partial = cache.resolve(archive.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        Process child = new ProcessBuilder(ChildJvm.command(java, jvmOptions, options(archive, partial), jar.toString(),
                mainClass, args)).inheritIO().start();
        // a parent told to stop passes it on (Ctrl-C in a terminal reaches both); an archive written then is not kept
        Thread stop = new Thread(() -> {
            child.destroy();
            try {
                child.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
                Files.deleteIfExists(partial);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // a partial archive left in the cache is never read
            }
        }, "window-process-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        int code = child.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException e) {
            // this JVM is shutting down: the hook is running or done
        }
        keep(partial, archive, code, cache);
        return code;
    }

    /**
     * Puts a written archive in place when the window's JVM ended well (one ended otherwise may have
     * loaded few classes) and deletes older ones. The archive only saves time: a failure here is
     * not the user's concern, and must not open the window a second time.
     */
    private static void keep(Path partial, Path archive, int code, Path cache) {
        try {
            if (code == 0 && Files.isRegularFile(partial) && Files.size(partial) > 0) {
                Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                deleteOthers(cache, archive);
            } else {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            // the next start writes it again
        }
    }

    /** Runs the window in a child when {@link #wanted}; empty when not, or when the child could not start. */
    static OptionalInt runIfWanted(String[] args) {
        Optional<Path> jar = ChildJvm.jar();
        List<String> options = ChildJvm.options();
        if (!wanted(jar, options, System.getProperty(CHILD_PROPERTY))) {
            return OptionalInt.empty();
        }
        try {
            Path cache = Files.createDirectories(cacheDirectory());
            return OptionalInt.of(run(ChildJvm.java(), options, jar.get(), Main.class.getName(), List.of(args), cache));
        } catch (IOException | RuntimeException e) {
            // no cache folder or no child: the window opens in this JVM, only slower
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(1);
        }
    }

    private static void deleteOthers(Path cache, Path keep) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(cache, PREFIX + "*" + SUFFIX)) {
            for (Path p : old) {
                if (!p.equals(keep)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** $XDG_CACHE_HOME/timestep-studio, or ~/.cache/timestep-studio. */
    private static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("timestep-studio");
    }
}
