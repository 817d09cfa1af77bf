package studio.timestep.sampling;

/** A run that cannot start or go on (a missing source, NaN from the model), with where it happened. */
public class SamplingException extends RuntimeException {
    public SamplingException(String message) {
        super(message);
    }
}
