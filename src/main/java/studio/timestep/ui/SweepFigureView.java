package studio.timestep.ui;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.jfree.chart.fx.ChartViewer;
import studio.timestep.report.L1Charts;
import studio.timestep.report.SweepFigure;

/**
 * A sweep figure in the window: its rows of three panels, each row tall enough to read (the rows
 * scroll rather than shrink), and the colour key at the right: the colour parameter's values.
 */
final class SweepFigureView extends BorderPane {
    /** Height of a row of panels in points. */
    static final double ROW_HEIGHT = 250;
    private final VBox rows = new VBox(2);
    private final VBox key = new VBox(4);
    private final List<ChartViewer> viewers = new ArrayList<>();
    private SweepFigure figure;

    SweepFigureView() {
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        rows.setId("sweepFigureRows");
        key.setId("sweepKey");
        key.setPadding(new Insets(4, 8, 4, 8));
        key.setMinWidth(90);
        setCenter(scroll);
        setRight(key);
        showEmpty("Run a sweep to see it here as small multiples.");
    }

    void showEmpty(String text) {
        figure = null;
        viewers.clear();
        rows.getChildren().setAll(new Label(text));
        key.getChildren().clear();
    }

    void show(SweepFigure f) {
        figure = f;
        viewers.clear();
        rows.getChildren().clear();
        for (L1Charts row : f.rows()) {
            HBox line = new HBox(2);
            for (var chart : row.charts()) {
                ChartViewer v = new ChartViewer(chart);
                v.setPrefHeight(ROW_HEIGHT);
                v.setMinHeight(ROW_HEIGHT);
                v.setMinWidth(160);
                HBox.setHgrow(v, Priority.ALWAYS);
                viewers.add(v);
                line.getChildren().add(v);
            }
            rows.getChildren().add(line);
        }
        Label title = new Label(f.colour());
        title.getStyleClass().add("pane-heading");
        key.getChildren().setAll(title);
        for (String value : f.colourValues()) {
            Color c = f.colorOf(value);
            Rectangle swatch = new Rectangle(14, f.numeric() ? 18 : 12, javafx.scene.paint.Color.rgb(c.getRed(), c.getGreen(),
                    c.getBlue()));
            Label l = new Label(value, swatch);
            l.getStyleClass().add("sweep-key-value");
            key.getChildren().add(l);
        }
    }

    SweepFigure figure() {
        return figure;
    }

    List<ChartViewer> viewers() {
        return viewers;
    }

    /** The values the colour key shows, top to bottom. */
    List<String> keyValues() {
        return key.getChildren().stream().skip(1).map(n -> ((Label) n).getText()).toList();
    }
}
