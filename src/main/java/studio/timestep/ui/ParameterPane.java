package studio.timestep.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import studio.timestep.io.ScheduleExportFormat;
import studio.timestep.io.SigmaListFiles;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.ScheduleFactory;

/**
 * Edits the selected curve: its type, convention, step count and the parameters of its type.
 * Values go through the core's factory; a refused value marks its field and the status bar
 * says why, the curve keeps its last good value.
 */
final class ParameterPane extends VBox {
    private final CurveEditorModel model;
    private final ComboBox<String> type = new ComboBox<>();
    private final ComboBox<GridConvention> convention = new ComboBox<>();
    private final Spinner<Integer> steps = new Spinner<>();
    private final GridPane fields = new GridPane();
    private final Map<String, Runnable> refreshers = new LinkedHashMap<>();
    private String shownType;
    private int shownIndex = -2;
    private boolean updating;

    ParameterPane(CurveEditorModel model) {
        this.model = model;
        setSpacing(8);
        setPadding(new Insets(8));
        setPrefWidth(340);
        setMinWidth(300);
        type.getItems().setAll(ScheduleFactory.TYPES);
        type.setId("curveType");
        type.setTooltip(new Tooltip("The kind of schedule. Switching starts from that kind's defaults (undo restores)."));
        convention.getItems().setAll(GridConvention.values());
        convention.setId("convention");
        steps.setId("steps");
        steps.setEditable(true);
        steps.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 10_000, 50));
        steps.getEditor().setTextFormatter(new TextFormatter<>(c -> c.getControlNewText().matches("\\d{0,5}") ? c : null));
        steps.setTooltip(new Tooltip("Steps N: the grid has N+1 sigmas and N timesteps. Allowed: [1, 10000]"));
        GridPane common = grid();
        common.addRow(0, new Label("type"), type);
        common.addRow(1, new Label("convention"), convention);
        common.addRow(2, new Label("steps"), steps);
        Label heading = new Label("Selected curve");
        heading.getStyleClass().add("pane-heading");
        getChildren().addAll(heading, common, fields, new Separator(), new BoundaryPane(model));

        type.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null) {
                model.editSelected(c -> c.withSchedule(ScheduleFactory.switchTo(b, c.schedule())), null);
            }
        });
        convention.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null) {
                model.editSelected(c -> c.withConvention(b), null);
            }
        });
        steps.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null && !model.editSelected(c -> c.withSteps(b), "steps")) {
                refresh();
            }
        });
        model.workspaceProperty().addListener((o, a, b) -> refresh());
        model.selectedProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        return g;
    }

    private void refresh() {
        CurveSetup setup = model.selectedCurve();
        setDisable(setup == null);
        if (setup == null) {
            return;
        }
        String t = (String) setup.schedule().describe().get("type");
        if (!t.equals(shownType) || model.selectedProperty().get() != shownIndex) {
            shownType = t;
            shownIndex = model.selectedProperty().get();
            buildFields(t);
        }
        updating = true;
        try {
            type.setValue(t);
            convention.setValue(setup.convention());
            convention.setDisable(!setup.schedule().usesConvention());
            convention.setTooltip(new Tooltip(setup.schedule().usesConvention() ? setup.convention().formula()
                    : "A schedule defined per step does not depend on the convention."));
            steps.getValueFactory().setValue(setup.steps());
            steps.setDisable(setup.schedule().fixedSteps().isPresent());
            refreshers.values().forEach(Runnable::run);
        } finally {
            updating = false;
        }
    }

    private void buildFields(String t) {
        fields.getChildren().clear();
        refreshers.clear();
        fields.setHgap(8);
        fields.setVgap(6);
        int row = 0;
        for (ParameterFields.Field f : ParameterFields.of(t)) {
            Label label = new Label(f.label());
            label.setMinWidth(Label.USE_PREF_SIZE);
            label.setTooltip(new Tooltip(f.tooltip()));
            switch (f.kind()) {
                case SLIDER -> row = sliderRow(f, label, row);
                case INTEGER, TEXT -> fields.addRow(row++, label, textField(f));
                case CHOICE -> fields.addRow(row++, label, choice(f));
            }
        }
        if (t.equals("drawn")) {
            Label help = new Label("On the g(u) chart: drag a point to move it, double-click to add one, Shift+click "
                    + "to remove one. The curve stays monotone (PCHIP).");
            help.setWrapText(true);
            help.setMaxWidth(250);
            GridPane.setColumnSpan(help, 2);
            Button reset = new Button("Reset to the identity line");
            reset.setOnAction(e -> model.editSelected(c -> c.withSchedule(ScheduleFactory.defaultFor("drawn")), null));
            fields.addRow(row++, help);
            fields.addRow(row, reset);
        } else if (t.equals("manual")) {
            manualEditor(row);
        }
    }

    private int sliderRow(ParameterFields.Field f, Label label, int row) {
        Slider slider = new Slider(f.sliderMin(), f.sliderMax(), f.sliderMin());
        slider.setId("slider-" + f.key());
        slider.setTooltip(new Tooltip(f.tooltip()));
        TextField text = new TextField();
        text.setId("field-" + f.key());
        text.setPrefColumnCount(7);
        text.setTooltip(new Tooltip(f.tooltip()));
        slider.valueProperty().addListener((o, a, b) -> {
            if (!updating) {
                double rounded = Math.round(b.doubleValue() * 1000) / 1000.0;
                apply(f.key(), rounded, text, "slider-" + f.key());
            }
        });
        text.setOnAction(e -> applyText(f.key(), text));
        text.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                applyText(f.key(), text);
            }
        });
        refreshers.put(f.key(), () -> {
            Object v = model.selectedCurve().schedule().describe().get(f.key());
            if (v instanceof Number n) {
                slider.setValue(n.doubleValue());
                text.setText(format(n.doubleValue()));
                text.getStyleClass().remove("invalid");
            }
        });
        fields.addRow(row, label, slider);
        fields.add(text, 2, row);
        GridPane.setHgrow(slider, Priority.ALWAYS);
        return row + 1;
    }

    private TextField textField(ParameterFields.Field f) {
        TextField text = new TextField();
        text.setId("field-" + f.key());
        text.setPrefColumnCount(9);
        text.setTooltip(new Tooltip(f.tooltip()));
        text.setOnAction(e -> applyText(f.key(), text));
        refreshers.put(f.key(), () -> {
            Object v = model.selectedCurve().schedule().describe().get(f.key());
            if (!text.isFocused() || v != null) {
                text.setText(v == null ? "" : v instanceof Number n ? format(n.doubleValue())
                        : v instanceof List<?> list ? String.join(", ", list.stream()
                        .map(x -> x instanceof Number n ? format(n.doubleValue()) : String.valueOf(x)).toList())
                        : v.toString());
            }
            text.getStyleClass().remove("invalid");
        });
        return text;
    }

    private ComboBox<String> choice(ParameterFields.Field f) {
        ComboBox<String> box = new ComboBox<>();
        box.setId("choice-" + f.key());
        box.getItems().setAll(f.choices());
        box.setTooltip(new Tooltip(f.tooltip()));
        box.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null) {
                apply(f.key(), b, null, null);
            }
        });
        refreshers.put(f.key(), () -> box.setValue((String) model.selectedCurve().schedule().describe().get(f.key())));
        return box;
    }

    private void manualEditor(int row) {
        TextArea text = new TextArea();
        text.setId("manualSigmas");
        text.setWrapText(true);
        text.setPrefRowCount(8);
        text.setTooltip(new Tooltip("Sigmas from 1 down to 0: ComfyUI strings, Python or JSON lists, one per line."
                + "\nA list that does not end in 0 gets a final 0. Drag them on the σ chart."));
        Button apply = new Button("Apply list");
        apply.setId("applySigmas");
        apply.setOnAction(e -> model.editSelected(c -> c.withSchedule(SigmaListFiles.parse(text.getText())), null));
        refreshers.put("sigmas", () -> text.setText(ScheduleExportFormat.COMFYUI.render(model.selectedCurve()).trim()));
        fields.addRow(row, new Label("sigmas"));
        fields.add(text, 0, row + 1, 3, 1);
        fields.add(apply, 0, row + 2);
    }

    private void applyText(String key, TextField text) {
        if (updating) {
            return;
        }
        String raw = text.getText().trim();
        Object value = raw;
        if (!key.equals("wan-video") && !key.equals("timesteps")) {
            try {
                value = Double.parseDouble(raw);
            } catch (NumberFormatException e) {
                text.getStyleClass().add("invalid");
                model.messageProperty().set(key + ": '" + raw + "' is not a number");
                return;
            }
        }
        apply(key, value, text, null);
    }

    /** Rebuilds the schedule with one field changed; marks the field when the core refuses it. */
    private void apply(String key, Object value, TextField field, String coalesceKey) {
        boolean ok = model.editSelected(c -> c.withSchedule(ScheduleFactory.withParameter(c.schedule(), key, value)), coalesceKey);
        if (field != null && !ok) {
            if (!field.getStyleClass().contains("invalid")) {
                field.getStyleClass().add("invalid");
            }
        }
    }


    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v)
                .replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
