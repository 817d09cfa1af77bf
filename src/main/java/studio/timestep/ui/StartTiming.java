package studio.timestep.ui;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import studio.timestep.run.WindowStart;

/**
 * The window's side of {@code bench window}. Started with {@code -Dtimestep.studio.time-start=true},
 * the window prints {@link WindowStart#FIRST_FRAMES} when it has drawn its first frames (where it
 * starts its warm-up) and closes itself once the warm-up has loaded ND4J: a start that writes the
 * class archive then archives what a user's start would, and the benchmark sees the time a user
 * would. With {@code =blank} the application shows a window with one label instead, timed the
 * same way: what JavaFX itself needs to show a window on the machine right now.
 */
final class StartTiming {
    private StartTiming() {
    }

    /** Whether this start shows the yardstick window instead of the product's. */
    static boolean blank() {
        return WindowStart.BLANK.equals(System.getProperty(WindowStart.PROPERTY));
    }

    /** Shows the window with one label on {@code stage}; it reports its first frames and closes. */
    static void showBlank(Stage stage) {
        Label label = new Label("Timestep Studio");
        stage.setTitle("Timestep Studio (blank)");
        stage.setScene(new Scene(label, 1440, 900));
        NativeLoadingThread.startWhenShown(label, "blank-window", around(() -> { }));
        stage.show();
    }

    /** {@code warmUp} itself, or, when the start is timed, {@code warmUp} between the report and the window's exit. */
    static Runnable around(Runnable warmUp) {
        if (System.getProperty(WindowStart.PROPERTY) == null) {
            return warmUp;
        }
        return () -> {
            System.out.println(WindowStart.FIRST_FRAMES);
            System.out.flush();
            warmUp.run();
            Platform.exit();
        };
    }
}
