package studio.timestep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A benchmark's scratch folder of files (random weights), removed with its files when closed. */
final class TempFolder implements AutoCloseable {
    private final Path path;

    TempFolder(String prefix) throws IOException {
        path = Files.createTempDirectory(prefix);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        try (var files = Files.list(path)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(path);
    }
}
