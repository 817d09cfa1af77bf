package studio.timestep.ui;

import java.util.List;
import java.util.Locale;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import studio.timestep.param.ParameterRange;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.ExpertBoundary;

/**
 * Wan2.2's expert boundary for the workspace: none, a preset (T2V-A14B 0.875, I2V-A14B 0.900) or
 * a value typed in, and how the selected curve's steps split between the two experts. The charts,
 * the sigma table, the status line and the exports follow it.
 */
final class BoundaryPane extends VBox {
    static final String NONE = "none";
    private static final List<String> PRESETS = List.of(NONE, "0.875 (Wan2.2 T2V-A14B)", "0.900 (Wan2.2 I2V-A14B)");
    private final CurveEditorModel model;
    private final ComboBox<String> value = new ComboBox<>();
    private final Label split = new Label();
    private boolean updating;

    BoundaryPane(CurveEditorModel model) {
        super(4);
        this.model = model;
        value.getItems().setAll(PRESETS);
        value.setEditable(true);
        value.setId("boundary");
        value.setTooltip(new Tooltip("Wan2.2 (A14B) runs its high-noise expert while a step's timestep t ≥ 1000·boundary,\n"
                + "t as the convention computes it (Wan's UniPC truncates 1000·σ), then its low-noise expert."));
        value.setOnAction(e -> apply());
        split.setId("boundarySplit");
        split.setWrapText(true);
        Label heading = new Label("Wan2.2 expert boundary");
        heading.getStyleClass().add("pane-heading");
        getChildren().addAll(heading, value, split);
        model.workspaceProperty().addListener((o, a, b) -> refresh());
        model.selectedProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    private void apply() {
        if (updating) {
            return;
        }
        String text = value.getValue() == null ? "" : value.getValue().trim();
        String first = text.split("\\s+")[0];
        if (first.isEmpty() || first.equalsIgnoreCase(NONE)) {
            model.edit(w -> w.withBoundary(null), null);
            return;
        }
        try {
            ExpertBoundary b = new ExpertBoundary(Double.parseDouble(first));
            model.edit(w -> w.withBoundary(b), null);
        } catch (NumberFormatException e) {
            model.messageProperty().set("boundary: '" + first + "' is not a number (" + ExpertBoundary.RANGE + ")");
            refresh();
        } catch (IllegalArgumentException e) {
            model.messageProperty().set(e.getMessage());
            refresh();
        }
    }

    private void refresh() {
        ExpertBoundary b = model.workspace().boundary();
        updating = true;
        try {
            String shown = b == null ? NONE : PRESETS.stream().filter(p -> p.startsWith(String.format(Locale.ROOT, "%.3f",
                    b.value()))).findFirst().orElse(ParameterRange.format(b.value()));
            value.setValue(shown);
        } finally {
            updating = false;
        }
        CurveSetup c = model.selectedCurve();
        split.setText(b == null || c == null ? "" : describe(b, c));
    }

    /** "26 high-noise + 14 low-noise steps" for a curve. */
    static String describe(ExpertBoundary b, CurveSetup c) {
        int high = b.highSteps(c.grid());
        return high + " high-noise + " + (c.grid().steps() - high) + " low-noise steps";
    }
}
