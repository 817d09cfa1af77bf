package studio.timestep.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The yardstick of {@code bench window}: a window with one label, on the same class path and JVM
 * as the product's, timed the same way (it reports its first frames as {@link StartTiming} does,
 * then closes). What it takes is what JavaFX itself needs to show a window on the machine right now.
 */
public final class BlankWindow {
    private BlankWindow() {
    }

    /** A main class apart from the Application, so that the class-path launch finds the JavaFX runtime. */
    public static void main(String[] args) {
        System.setProperty(StartTiming.PROPERTY, "true");
        Application.launch(App.class, args);
    }

    /** The blank window. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            Label label = new Label("Timestep Studio");
            stage.setTitle("Timestep Studio (blank)");
            stage.setScene(new Scene(label, 1440, 900));
            NativeLoadingThread.startWhenShown(label, "blank-window", StartTiming.around(() -> { }));
            stage.show();
        }
    }
}
