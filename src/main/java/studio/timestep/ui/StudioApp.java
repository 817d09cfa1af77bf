package studio.timestep.ui;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: one main window over a curve workspace. */
public class StudioApp extends Application {
    /**
     * JavaFX warns at every start that it was loaded from the class path ("Unsupported JavaFX
     * configuration"), which a user cannot act on: the window works the same. Held here because
     * java.util.logging keeps loggers weakly.
     */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    /** Opens the window (returns when it closes); {@code args} may name a curve or plan file to open. */
    public static void open(String... args) {
        JAVAFX_LOG.setLevel(Level.SEVERE);
        Application.launch(StudioApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        if (StartTiming.blank()) {
            StartTiming.showBlank(stage);
            return;
        }
        CurveEditorModel model = new CurveEditorModel();
        MainWindow window = new MainWindow(model, MainWindow.defaultPresetDirectory(),
                Preferences.userNodeForPackage(StudioApp.class));
        stage.setScene(scene(window, 1440, 900));
        stage.titleProperty().bind(Bindings.createStringBinding(() -> "Timestep Studio — "
                + (model.fileProperty().get() == null ? "untitled" : model.fileProperty().get().getFileName())
                + (model.dirtyProperty().get() ? " *" : ""), model.fileProperty(), model.dirtyProperty()));
        stage.setOnCloseRequest(e -> {
            if (!window.confirmDiscard()) {
                e.consume();
            }
        });
        stage.show();
        getParameters().getRaw().stream().findFirst().map(Path::of).ifPresent(window::openFile);
    }

    /** The window's scene with the product's style sheet. */
    public static Scene scene(MainWindow window, double width, double height) {
        Scene scene = new Scene(window, width, height);
        var css = StudioApp.class.getResource("/assets/studio.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        return scene;
    }
}
