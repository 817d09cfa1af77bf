package studio.timestep.run;

/** A run that cannot start or go on, said in one sentence naming what is wrong and where. */
public class RunException extends RuntimeException {
    public RunException(String message) {
        super(message);
    }

    public RunException(String message, Throwable cause) {
        super(message, cause);
    }
}
