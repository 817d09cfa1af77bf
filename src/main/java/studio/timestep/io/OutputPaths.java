package studio.timestep.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.UUID;
import studio.timestep.param.InvalidParameterException;

/**
 * Checks an output place before the work that fills it starts, so a long run never ends in
 * "cannot write": the folder is made if missing, and a probe file is written in it and removed.
 * A place that cannot be used is an InvalidParameterException naming the option and the reason.
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /** An output folder: made if missing; an existing file there is refused. */
    public static Path folder(String option, Path dir) {
        Path d = absolute(option, dir);
        if (Files.exists(d) && !Files.isDirectory(d)) {
            throw new InvalidParameterException(option, d + " is a file; give a folder to write the outputs in");
        }
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new InvalidParameterException(option, "cannot make the folder " + d + " (" + reason(e) + ")");
        }
        probe(option, d);
        return d;
    }

    /** An output file: its folder made if missing; a folder at the path itself is refused. */
    public static Path file(String option, Path file) {
        Path f = absolute(option, file);
        if (Files.isDirectory(f)) {
            throw new InvalidParameterException(option, f + " is a folder; give a file name");
        }
        if (Files.exists(f) && !Files.isRegularFile(f)) {
            throw new InvalidParameterException(option, f + " is not a regular file");
        }
        folder(option, f.getParent());
        return f;
    }

    private static Path absolute(String option, Path p) {
        try {
            if (p == null || p.toString().isBlank()) {
                throw new InvalidParameterException(option, "give a path");
            }
            return p.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidParameterException(option, "'" + p + "' is not a usable path (" + e.getReason() + ")");
        }
    }

    private static void probe(String option, Path dir) {
        Path probe = dir.resolve(".write-check-" + UUID.randomUUID());
        try {
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException e) {
            throw new InvalidParameterException(option, "cannot write in " + dir + " (" + reason(e) + ")");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return "a file stands where a folder should be: " + e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "the file system has no such place";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : "the file system refused";
        }
        return String.valueOf(e.getMessage());
    }
}
