package studio.timestep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of the design, read off the sources: each package uses only the packages below it
 * (so package imports have no cycle), and only the window imports JavaFX. A use is any mention
 * of a class by its package, in an import or in code.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/studio/timestep");
    private static final Set<String> CORE = Set.of("param", "schedule", "plan", "io", "model", "model.wan", "model.tiny",
            "train", "sampling");

    /** What each package may use; the list is the design's arrows, transitively closed. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("param", Set.of()),
            Map.entry("schedule", Set.of("param")),
            Map.entry("plan", Set.of("schedule", "param")),
            Map.entry("io", Set.of("plan", "schedule", "param")),
            Map.entry("model", Set.of("io", "plan", "schedule", "param")),
            Map.entry("model.wan", Set.of("model", "io", "plan", "schedule", "param")),
            Map.entry("model.tiny", Set.of("model.wan", "model", "io", "plan", "schedule", "param")),
            Map.entry("train", Set.of("model.tiny", "model.wan", "model", "io", "plan", "schedule", "param")),
            Map.entry("sampling", Set.of("model", "io", "plan", "schedule", "param")),
            Map.entry("report", Set.of("sampling", "model", "io", "plan", "schedule", "param")),
            Map.entry("run", union(CORE, Set.of("report"))),
            Map.entry("cli", union(CORE, Set.of("report", "run"))),
            Map.entry("ui", union(CORE, Set.of("report", "run"))),
            // the entry point chooses the OpenBLAS core and the OpenMP wait policy (sampling) before the window or a command loads ND4J,
            // and relaunches train in a tuned child (run.TrainingChild)
            Map.entry("", Set.of("cli", "ui", "run", "sampling")));

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    private static final Pattern USE = Pattern.compile("studio\\.timestep\\.([a-z][a-z.]*)\\.[A-Z]");

    private static String packageOf(Path file) {
        Path dir = SOURCES.relativize(file.getParent());
        return dir.toString().replace('/', '.');
    }

    @Test
    void everyPackageUsesOnlyTheLayersBelowIt() throws IOException {
        Map<String, Set<String>> used = new TreeMap<>();
        List<String> outside = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = packageOf(f);
                assertTrue(ALLOWED.containsKey(pkg), "package " + pkg + " is in no layer of the design");
                Matcher m = USE.matcher(Files.readString(f));
                while (m.find()) {
                    String target = m.group(1);
                    if (!target.equals(pkg)) {
                        used.computeIfAbsent(pkg, k -> new TreeSet<>()).add(target);
                        if (!ALLOWED.get(pkg).contains(target)) {
                            outside.add(SOURCES.relativize(f) + " uses " + target);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), outside, "uses against the layering " + used);
        assertTrue(used.get("run").contains("sampling") && used.get("ui").contains("run") && used.get("cli").contains("run"),
                "the check sees the uses: " + used);
    }

    @Test
    void onlyTheWindowImportsJavaFx() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (!packageOf(f).equals("ui") && Files.readString(f).contains("javafx.")) {
                    offenders.add(SOURCES.relativize(f).toString());
                }
            }
        }
        assertEquals(List.of(), offenders);
    }
}
