package studio.timestep.ui;

import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import studio.timestep.io.PresetLibrary;

/** The shipped presets, read in the background: double-click, Enter or "Add to workspace" adds the preset's curves. */
final class PresetPane extends VBox {
    private final ListView<PresetLibrary.Preset> list = new ListView<>();

    PresetPane(CurveEditorModel model, Path directory) {
        setSpacing(6);
        setPadding(new Insets(8));
        list.setId("presetList");
        list.setCellFactory(v -> new ListCell<>() {
            // one tooltip a cell, its text changed with the item: a tooltip is a popup control, costly to make
            private final Tooltip file = new Tooltip();

            @Override
            protected void updateItem(PresetLibrary.Preset item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name());
                file.setText(empty || item == null ? "" : item.file().toString());
                setTooltip(empty || item == null ? null : file);
            }
        });
        // read on a background thread: parsing the presets (and starting Jackson) cost the window's
        // first appearance ~0.4 s on the FX thread
        list.setPlaceholder(new Label("Reading the presets…"));
        FileTask.read("presets", () -> PresetLibrary.list(directory), listing -> {
            list.getItems().setAll(listing.presets());
            list.setPlaceholder(new Label("No presets in " + directory));
            if (!listing.problems().isEmpty()) {
                model.messageProperty().set("Presets: " + String.join("; ", listing.problems()));
            }
        }, problem -> model.messageProperty().set("Presets: " + problem));
        Runnable open = () -> {
            PresetLibrary.Preset p = list.getSelectionModel().getSelectedItem();
            if (p != null) {
                model.addCurves(p.curves().curves(), p.curves().boundary());
                model.messageProperty().set("Added preset " + p.name());
            }
        };
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                open.run();
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                open.run();
            }
        });
        Button add = new Button("Add to workspace");
        add.setId("addPreset");
        add.setOnAction(e -> open.run());
        add.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        Label heading = new Label("Presets");
        heading.getStyleClass().add("pane-heading");
        getChildren().addAll(heading, list, add);
        VBox.setVgrow(list, Priority.ALWAYS);
    }
}
