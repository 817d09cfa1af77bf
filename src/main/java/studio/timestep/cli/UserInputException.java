package studio.timestep.cli;

/** A problem with what the user gave (a file that does not load, a clash of options): exit 2, one line. */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }
}
