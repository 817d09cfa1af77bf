package studio.timestep.ui;

import java.util.function.Consumer;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * The runs of the session, like the curve list: a check box shows or hides a run in every chart,
 * the swatch is its colour, the label says what sets it apart (until renamed). Selecting a run
 * shows its per-frame heatmap and its preview.
 */
final class RunListPane extends VBox {
    private final ListView<ShownRun> list;

    RunListPane(ObservableList<ShownRun> runs, Runnable importLog, Consumer<ShownRun> exportCsv, Runnable exportCallback) {
        super(6);
        list = new ListView<>(runs);
        list.setId("runList");
        list.setCellFactory(v -> new RunCell());
        list.setPrefWidth(270);
        VBox.setVgrow(list, Priority.ALWAYS);
        Button rename = new Button("Rename…");
        rename.setId("renameRun");
        rename.setOnAction(e -> {
            ShownRun r = selected();
            if (r != null) {
                TextInputDialog d = new TextInputDialog(r.name());
                d.setHeaderText("Rename the run");
                d.initOwner(getScene().getWindow());
                d.showAndWait().map(String::trim).filter(s -> !s.isEmpty()).ifPresent(r::rename);
            }
        });
        Button remove = new Button("Remove");
        remove.setId("removeRun");
        remove.setOnAction(e -> {
            ShownRun r = selected();
            if (r != null) {
                runs.remove(r);
            }
        });
        Button export = new Button("Export CSV…");
        export.setTooltip(new Tooltip("The selected run's metrics (row, timestep, the three L1 signals) as CSV"));
        export.setOnAction(e -> {
            ShownRun r = selected();
            if (r != null) {
                exportCsv.accept(r);
            }
        });
        Button importButton = new Button("Import L1 log…");
        importButton.setId("importLog");
        importButton.setTooltip(new Tooltip("A run made elsewhere: the seeds' `Step N, Timestep T, L1 = V` lines (read as the "
                + "cond signal), a CSV with step,timestep,l1, a metrics.csv, or a JSON list of [step, timestep, l1]"));
        importButton.setOnAction(e -> importLog.run());
        Button callback = new Button("Logging callback…");
        callback.setId("exportCallback");
        callback.setTooltip(new Tooltip("A Python callback for a diffusers WanPipeline / HunyuanVideoPipeline call that logs\n"
                + "the latent, cond and guided L1 exactly as this program measures them, to a CSV it imports"));
        callback.setOnAction(e -> exportCallback.run());
        Label heading = new Label("Runs");
        heading.getStyleClass().add("pane-heading");
        FlowPane buttons = new FlowPane(4, 4, rename, remove, export, importButton, callback);
        getChildren().addAll(heading, list, buttons);
        setPadding(new Insets(8, 0, 8, 8));
        setPrefWidth(280);
        setMinWidth(250);
    }

    ShownRun selected() {
        return list.getSelectionModel().getSelectedItem();
    }

    ListView<ShownRun> list() {
        return list;
    }

    private static final class RunCell extends ListCell<ShownRun> {
        private final CheckBox shown = new CheckBox();
        private final Rectangle swatch = new Rectangle(12, 12);
        private final Label name = new Label();
        private final HBox box = new HBox(6, shown, swatch, name);
        private ShownRun bound;

        RunCell() {
            box.setAlignment(Pos.CENTER_LEFT);
            name.setMaxWidth(Double.MAX_VALUE);
        }

        @Override
        protected void updateItem(ShownRun run, boolean empty) {
            super.updateItem(run, empty);
            if (bound != null) {
                shown.selectedProperty().unbindBidirectional(bound.visibleProperty());
                name.textProperty().unbind();
                bound = null;
            }
            if (empty || run == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            bound = run;
            shown.selectedProperty().bindBidirectional(run.visibleProperty());
            name.textProperty().bind(run.nameProperty());
            swatch.setFill(run.fxColor());
            setTooltip(new Tooltip(run.imported() ? "imported from " + run.name()
                    : String.join("\n", run.traits().entrySet().stream().map(t -> t.getKey() + ": " + t.getValue()).toList())));
            setGraphic(box);
        }
    }
}
