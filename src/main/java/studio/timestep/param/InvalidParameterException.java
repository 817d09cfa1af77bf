package studio.timestep.param;

/**
 * A parameter outside its allowed range or of the wrong form. {@link #field()} names the
 * parameter as the command line and the JSON files spell it, so each boundary can point at it.
 */
public class InvalidParameterException extends IllegalArgumentException {
    private final String field;

    public InvalidParameterException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The message without the field name in front. */
    public String detail() {
        return getMessage().substring(field.length() + 2);
    }
}
