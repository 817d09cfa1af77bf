package studio.timestep.io;

import java.nio.file.Path;

/** A file that could not be read, with where in it the problem is. */
public class FileFormatException extends Exception {
    public FileFormatException(Path file, String location, String message) {
        super(file.getFileName() + (location.isEmpty() ? "" : " " + location) + ": " + message);
    }

    private FileFormatException(String message) {
        super(message);
    }

    /** A problem on a line of a text file: {@code FILE:LINE: message}, as compilers say it. */
    public static FileFormatException atLine(Path file, int line, String message) {
        return new FileFormatException(file.getFileName() + ":" + line + ": " + message);
    }
}
