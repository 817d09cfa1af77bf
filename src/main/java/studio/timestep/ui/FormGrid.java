package studio.timestep.ui;

import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/** A two-column form: labels on the left never cut short, fields on the right. */
final class FormGrid {
    private FormGrid() {
    }

    static GridPane create() {
        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(5);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        g.getColumnConstraints().add(labels);
        return g;
    }
}
