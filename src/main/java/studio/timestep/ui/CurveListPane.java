package studio.timestep.ui;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;

/** The curves of the workspace with their colours: select, show/hide, add, duplicate, rename, remove. */
final class CurveListPane extends VBox {
    private final CurveEditorModel model;
    private final ListView<CurveSetup> list = new ListView<>();
    private boolean updating;
    /** The check boxes' tooltip, one for all cells (the list makes a cell for every row it has room for). */
    private final Tooltip showOrHide = new Tooltip("Show or hide this curve on the charts");

    CurveListPane(CurveEditorModel model) {
        this.model = model;
        setSpacing(6);
        setPadding(new Insets(8));
        list.setId("curveList");
        list.setCellFactory(v -> new CurveCell());
        list.setPrefHeight(220);
        list.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (!updating && b.intValue() >= 0) {
                model.selectedProperty().set(b.intValue());
            }
        });
        Button add = button("Add", "addCurve", "Add a flow-shift curve (Ctrl+T)", this::add);
        Button duplicate = button("Duplicate", "duplicateCurve", "Copy the selected curve (Ctrl+D)", this::duplicate);
        Button rename = button("Rename…", "renameCurve", "Rename the selected curve (F2)", this::rename);
        Button remove = button("Remove", "removeCurve", "Remove the selected curve (Delete)", this::remove);
        TilePane buttons = new TilePane(4, 4, add, duplicate, rename, remove);
        buttons.setPrefColumns(2);
        for (Button b : List.of(add, duplicate, rename, remove)) {
            b.setMaxWidth(Double.MAX_VALUE);
        }
        Label heading = new Label("Curves");
        heading.getStyleClass().add("pane-heading");
        getChildren().addAll(heading, list, buttons);
        VBox.setVgrow(list, Priority.ALWAYS);
        model.workspaceProperty().addListener((o, a, b) -> refresh());
        model.selectedProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void refresh() {
        updating = true;
        try {
            list.getItems().setAll(model.workspace().curves());
            int i = model.selectedProperty().get();
            if (i >= 0) {
                list.getSelectionModel().select(i);
            }
        } finally {
            updating = false;
        }
    }

    void add() {
        int n = model.workspace().size();
        model.addCurves(List.of(new CurveSetup("curve " + (n + 1), new FlowShiftCurve(3),
                GridConvention.EULER_SIGMAS, 50, true)));
    }

    void duplicate() {
        int i = model.selectedProperty().get();
        if (i >= 0 && model.edit(w -> w.duplicated(i), null)) {
            model.selectedProperty().set(i + 1);
        }
    }

    void remove() {
        int i = model.selectedProperty().get();
        if (i >= 0) {
            model.edit(w -> w.removed(i), null);
        }
    }

    void rename() {
        CurveSetup c = model.selectedCurve();
        if (c == null) {
            return;
        }
        TextInputDialog dialog = new TextInputDialog(c.name());
        dialog.setTitle("Rename curve");
        dialog.setHeaderText("New name for \"" + c.name() + "\"");
        dialog.initOwner(getScene().getWindow());
        dialog.showAndWait().ifPresent(name -> model.editSelected(s -> s.withName(name.trim()), null));
    }

    void toggleVisible() {
        CurveSetup c = model.selectedCurve();
        if (c != null) {
            model.editSelected(s -> s.withVisible(!c.visible()), null);
        }
    }

    private final class CurveCell extends ListCell<CurveSetup> {
        private final CheckBox visible = new CheckBox();
        private final Rectangle swatch = new Rectangle(14, 14);
        private final Label name = new Label();
        private final HBox box = new HBox(6, visible, swatch, name);
        // one tooltip a cell, its text changed with the item: a tooltip is a popup control, costly to make
        private final Tooltip description = new Tooltip();

        CurveCell() {
            box.setAlignment(Pos.CENTER_LEFT);
            visible.setTooltip(showOrHide);
            visible.setOnAction(e -> {
                int i = getIndex();
                boolean shown = visible.isSelected();
                model.edit(w -> w.update(i, s -> s.withVisible(shown)), null);
            });
        }

        @Override
        protected void updateItem(CurveSetup item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            visible.setSelected(item.visible());
            swatch.setFill(CurvePalette.fx(getIndex()));
            name.setText(item.name());
            description.setText(item.schedule().label() + (item.schedule().usesConvention()
                    ? ", " + item.convention().id() : "") + ", " + item.steps() + " steps");
            setTooltip(description);
            setGraphic(box);
        }
    }
}
