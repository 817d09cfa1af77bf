package studio.timestep.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aNewFileGetsThePermissionsAnyNewFileGets() throws Exception {
        Set<PosixFilePermission> ordinary = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
        Path written = dir.resolve("written.json");
        AtomicFiles.writeString(written, "{}");
        assertEquals(ordinary, Files.getPosixFilePermissions(written), "not createTempFile's owner-only 0600");
        assertEquals("{}", Files.readString(written));
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndNoTemporaryFileIsLeft() throws Exception {
        Path file = dir.resolve("curves.json");
        Files.writeString(file, "old");
        Set<PosixFilePermission> chosen = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(file, chosen);
        AtomicFiles.writeString(file, "new");
        assertEquals("new", Files.readString(file));
        assertEquals(chosen, Files.getPosixFilePermissions(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the file itself");
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "kept");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(1);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("kept", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}
