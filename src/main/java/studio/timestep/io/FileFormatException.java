package studio.timestep.io;

import java.nio.file.Path;

/** A file that could not be read, with where in it the problem is. */
public class FileFormatException extends Exception {
    public FileFormatException(Path file, String location, String message) {
        super(file.getFileName() + (location.isEmpty() ? "" : " " + location) + ": " + message);
    }
}
