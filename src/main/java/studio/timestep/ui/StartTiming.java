package studio.timestep.ui;

import javafx.application.Platform;

/**
 * The window's side of {@code bench window}. Started with {@code -Dtimestep.studio.time-start=true},
 * the window prints {@link #FIRST_FRAMES} when it has drawn its first frames (where it starts its
 * warm-up) and closes itself once the warm-up has loaded ND4J: a start that writes the class archive
 * then archives what a user's start would, and the benchmark sees the time a user would.
 */
public final class StartTiming {
    public static final String PROPERTY = "timestep.studio.time-start";
    public static final String FIRST_FRAMES = "timestep-studio: first frames drawn";

    private StartTiming() {
    }

    /** {@code warmUp} itself, or, when the start is timed, {@code warmUp} between the report and the window's exit. */
    static Runnable around(Runnable warmUp) {
        if (!Boolean.getBoolean(PROPERTY)) {
            return warmUp;
        }
        return () -> {
            System.out.println(FIRST_FRAMES);
            System.out.flush();
            warmUp.run();
            Platform.exit();
        };
    }
}
