package studio.timestep.run;

/**
 * What {@code bench window} and a timed window agree on: the property that asks the window to
 * report its first frames and close ({@link #TIMED}), or to show a window with one label instead,
 * the yardstick ({@link #BLANK}), and the line the window prints.
 */
public final class WindowStart {
    public static final String PROPERTY = "timestep.studio.time-start";
    public static final String TIMED = "true";
    public static final String BLANK = "blank";
    public static final String FIRST_FRAMES = "timestep-studio: first frames drawn";

    private WindowStart() {
    }
}
