package studio.timestep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window opens in a child JVM that maps the classes of the first start from an archive. */
class WindowProcessTest {
    @Test
    void onlyAJarLaunchThatChoseNothingAboutClassSharingStartsAChild() {
        Optional<Path> jar = Optional.of(Path.of("timestep-studio.jar"));
        assertTrue(WindowProcess.wanted(jar, List.of("-Xmx4g"), null));
        assertFalse(WindowProcess.wanted(Optional.empty(), List.of(), null), "from a classes folder");
        assertFalse(WindowProcess.wanted(jar, List.of(), "true"), "the child itself");
        assertFalse(WindowProcess.wanted(jar, List.of("-Xshare:off"), null));
        assertFalse(WindowProcess.wanted(jar, List.of("-XX:SharedArchiveFile=/a.jsa"), null));
    }

    @Test
    void theArchiveIsNamedAfterTheJarAsBuiltAndTheJvm(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "x");
        Path first = WindowProcess.archive(dir, jar, "17.0.15");
        assertEquals(first, WindowProcess.archive(dir, jar, "17.0.15"));
        assertNotEquals(first, WindowProcess.archive(dir, jar, "21.0.2"));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        assertNotEquals(first, WindowProcess.archive(dir, jar, "17.0.15"), "a rebuilt jar");
    }

    /**
     * The first start writes the archive as the JVM ends, the second maps it: a JVM started with
     * {@code -Xshare:on} refuses to start on an archive it cannot map, so its exit code proves the archive.
     */
    @Test
    void theFirstStartWritesTheArchiveAndTheNextMapsIt(@TempDir Path dir) throws Exception {
        Path jar = jarOf(dir.resolve("hello.jar"), ArchivedHello.class);
        Path cache = Files.createDirectories(dir.resolve("cache"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stale = Files.writeString(cache.resolve("classes-0.jsa"), "an older jar's archive");

        assertEquals(ArchivedHello.CODE, WindowProcess.run(java, List.of(), jar, ArchivedHello.class.getName(), List.of(), cache),
                "an exit code other than 0 keeps no archive");
        assertEquals(List.of("classes-0.jsa"), names(cache));
        assertEquals(0, WindowProcess.run(java, List.of(), jar, ArchivedHello.class.getName(), List.of("0"), cache));
        Path archive = WindowProcess.archive(cache, jar, System.getProperty("java.vm.version"));
        assertEquals(List.of(archive.getFileName().toString()), names(cache), "the archive, and no older one nor a partial file");

        assertTrue(WindowProcess.options(archive, cache.resolve("p")).contains("-XX:SharedArchiveFile=" + archive));
        Process mapped = new ProcessBuilder(java, "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-cp", jar.toString(),
                ArchivedHello.class.getName(), "0").redirectErrorStream(true).start();
        String out = new String(mapped.getInputStream().readAllBytes());
        assertEquals(0, mapped.waitFor(), out);
        assertEquals(0, WindowProcess.run(java, List.of(), jar, ArchivedHello.class.getName(), List.of("0"), cache));
        assertEquals(List.of(archive.getFileName().toString()), names(cache));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Path jarOf(Path jar, Class<?> type) throws IOException {
        String entry = type.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry(entry));
            try (var in = type.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(j);
            }
            j.closeEntry();
        }
        return jar;
    }
}
