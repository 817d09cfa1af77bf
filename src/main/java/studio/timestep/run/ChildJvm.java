package studio.timestep.run;

import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The command line of a child JVM: the same java, this JVM's options (but a few) and extra ones, a class path and a main class. */
public final class ChildJvm {
    /**
     * Options of this JVM a child must not repeat: a debugger's port (the child could not bind it
     * and would not start), a flight recording (it would write over this JVM's file) and a class
     * archive to write at exit (two JVMs would write the same file).
     */
    private static final List<String> NOT_INHERITED = List.of("-agentlib:jdwp", "-Xrunjdwp", "-XX:StartFlightRecording",
            "-XX:FlightRecorderOptions", "-XX:ArchiveClassesAtExit");

    private ChildJvm() {
    }

    /** The java executable running this JVM. */
    public static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The jar this program runs from, if it runs from a jar (not from a build's classes folder). */
    public static Optional<Path> jar() {
        try {
            Path p = Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().toLowerCase(Locale.ROOT).endsWith(".jar") ? Optional.of(p)
                    : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** This JVM's options, as it was started with them. */
    public static List<String> options() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    /** {@code java}, the inherited {@code jvmOptions}, then {@code extra}, {@code -cp classPath}, {@code mainClass} and {@code args}. */
    public static List<String> command(String java, List<String> jvmOptions, List<String> extra, String classPath,
                                       String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        jvmOptions.stream().filter(o -> NOT_INHERITED.stream().noneMatch(o::startsWith)).forEach(command::add);
        command.addAll(extra);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
