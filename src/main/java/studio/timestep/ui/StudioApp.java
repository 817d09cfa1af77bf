package studio.timestep.ui;

import javafx.application.Application;
import javafx.stage.Stage;

public class StudioApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.show();
    }
}
