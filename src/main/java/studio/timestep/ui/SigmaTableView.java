package studio.timestep.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.ExpertBoundary;
import studio.timestep.schedule.SigmaGrid;

/** The selected curve's grid as a table (step, σ, timestep, Δσ); Ctrl+C copies it as tab-separated text. */
final class SigmaTableView extends TableView<SigmaTableView.Row> {
    /** One step of the grid; the final row holds the last σ = 0 with no timestep. */
    record Row(int step, double sigma, Double timestep, Double deltaSigma, String expert) {
        String tsv() {
            return step + "\t" + sigma + "\t" + (timestep == null ? "" : timestep) + "\t"
                    + (deltaSigma == null ? "" : deltaSigma) + (expert == null ? "" : "\t" + expert);
        }
    }

    private final CurveEditorModel model;
    private final TableColumn<Row, String> expert = column("expert", r -> r.expert() == null ? "" : r.expert());

    SigmaTableView(CurveEditorModel model) {
        this.model = model;
        setId("sigmaTable");
        TableColumn<Row, String> step = column("step", r -> Integer.toString(r.step()));
        step.setMaxWidth(48);
        step.setMinWidth(36);
        getColumns().add(step);
        getColumns().add(column("σ", r -> String.format(Locale.ROOT, "%.6f", r.sigma())));
        getColumns().add(column("timestep", r -> r.timestep() == null ? "" : String.format(Locale.ROOT, "%.2f", r.timestep())));
        getColumns().add(column("Δσ", r -> r.deltaSigma() == null ? "" : String.format(Locale.ROOT, "%.6f", r.deltaSigma())));
        expert.setId("expertColumn");
        expert.setMaxWidth(46);
        expert.setMinWidth(40);
        getColumns().add(expert);
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) {
                copyToClipboard();
                e.consume();
            }
        });
        model.workspaceProperty().addListener((o, a, b) -> show(model.selectedCurve()));
        model.selectedProperty().addListener((o, a, b) -> show(model.selectedCurve()));
        show(model.selectedCurve());
    }

    private static TableColumn<Row, String> column(String title, Function<Row, String> text) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(text.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    private void show(CurveSetup setup) {
        List<Row> rows = new ArrayList<>();
        ExpertBoundary boundary = model.workspace().boundary();
        expert.setVisible(boundary != null);
        if (setup != null) {
            SigmaGrid g = setup.grid();
            int high = boundary == null ? -1 : boundary.highSteps(g);
            for (int i = 0; i < g.steps(); i++) {
                rows.add(new Row(i, g.sigma(i), g.timestep(i), g.stepSize(i), high < 0 ? null : i < high ? "high" : "low"));
            }
            rows.add(new Row(g.steps(), g.sigma(g.steps()), null, null, high < 0 ? null : ""));
        }
        getItems().setAll(rows);
    }

    /** The selected rows, or all rows when none is selected, with a header line. */
    String asTabSeparated() {
        List<Row> rows = getSelectionModel().getSelectedItems().isEmpty() ? getItems()
                : getSelectionModel().getSelectedItems();
        StringBuilder out = new StringBuilder("step\tsigma\ttimestep\tdelta_sigma"
                + (model.workspace().boundary() == null ? "" : "\texpert") + "\n");
        rows.forEach(r -> out.append(r.tsv()).append('\n'));
        return out.toString();
    }

    void copyToClipboard() {
        ClipboardContent content = new ClipboardContent();
        content.putString(asTabSeparated());
        Clipboard.getSystemClipboard().setContent(content);
    }
}
