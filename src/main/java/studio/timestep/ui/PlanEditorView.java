package studio.timestep.ui;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.DefaultXYDataset;
import studio.timestep.io.PlanPresets;
import studio.timestep.plan.FrameRole;
import studio.timestep.plan.FrameSource;
import studio.timestep.plan.PlanEdits;
import studio.timestep.plan.PlanProblem;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.TemplateParameter;

/**
 * The plan editor: a template and its parameters (the heatmap follows live), the tools that
 * edit the plan by hand, the heatmap, the validator's problems, and the animated view.
 */
final class PlanEditorView extends BorderPane {
    enum Tool { INSPECT, BRUSH, FILL_ROW, FILL_COLUMN, SELECT_FRAMES, WINDOW_EDGE }

    private final PlanEditorModel model;
    private final PlanHeatmapView heatmap;
    private final PlanAnimationView animation;
    private final ComboBox<PlanTemplate> template = new ComboBox<>();
    private final GridPane parameters = new GridPane();
    private final ToggleGroup tools = new ToggleGroup();
    private final TextField level = new TextField("0.5");
    private final Spinner<Integer> radius = new Spinner<>(0, 200, 0);
    private final Spinner<Integer> lag = new Spinner<>(-4096, 4096, 4);
    private final ComboBox<String> role = new ComboBox<>();
    private final TextField roleValue = new TextField("0");
    private final TextField source = new TextField();
    private final Label baseLabel = new Label();
    private boolean updating;

    PlanEditorView(PlanEditorModel model, ObservableValue<String> baseName,
                   List<PlanPresets.PlanPreset> presets) {
        this.model = model;
        this.heatmap = new PlanHeatmapView(model);
        this.animation = new PlanAnimationView(model);
        setId("planEditor");
        baseLabel.textProperty().bind(baseName);
        baseLabel.setWrapText(true);

        ScrollPane side = new ScrollPane(sidePanel(presets));
        side.setFitToWidth(true);
        side.setPrefWidth(300);
        setLeft(side);
        setCenter(heatmap);
        setRight(problemsPanel());
        setBottom(animation);
        heatmap.setOnCell(new PlanHeatmapGestures(model, heatmap, this::tool, this::level, () -> radius.getValue())::onCell);
        heatmap.setOnHover(text -> {
            if (!text.isEmpty()) {
                model.messageProperty().set(text);
            }
        });
        model.stateProperty().addListener((o, a, b) -> showTemplate());
        showTemplate();
    }

    PlanHeatmapView heatmap() {
        return heatmap;
    }

    PlanAnimationView animation() {
        return animation;
    }

    private VBox sidePanel(List<PlanPresets.PlanPreset> presets) {
        ComboBox<PlanPresets.PlanPreset> presetBox = new ComboBox<>();
        presetBox.setId("planPreset");
        presetBox.setPromptText("Open a preset…");
        presetBox.setMaxWidth(Double.MAX_VALUE);
        presetBox.getItems().setAll(presets);
        presetBox.setVisibleRowCount(Math.max(1, presets.size()));
        presetBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(PlanPresets.PlanPreset p) {
                return p == null ? "" : p.name();
            }

            @Override
            public PlanPresets.PlanPreset fromString(String s) {
                return null;
            }
        });
        presetBox.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.useTemplate(b.template(), b.parameters(), null);
                Platform.runLater(() -> presetBox.getSelectionModel().clearSelection());
            }
        });
        Label handEdited = new Label("Edited by hand: a template change rebuilds the plan (Undo restores).");
        handEdited.setWrapText(true);
        handEdited.setStyle("-fx-text-fill: #a05000;");
        handEdited.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> !model.stateProperty().get().fromTemplate(), model.stateProperty()));
        handEdited.managedProperty().bind(handEdited.visibleProperty());
        template.getItems().setAll(PlanTemplate.values());
        template.setId("planTemplate");
        template.setMaxWidth(Double.MAX_VALUE);
        template.setVisibleRowCount(PlanTemplate.values().length);
        template.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null && b != model.template()) {
                model.useTemplate(b, Map.of(), null);
            }
        });
        Label description = new Label();
        description.setWrapText(true);
        description.textProperty().bind(Bindings.createStringBinding(
                () -> template.getValue() == null ? "" : template.getValue().description(), template.valueProperty()));
        parameters.setHgap(6);
        parameters.setVgap(4);
        Button rebuild = new Button("Rebuild from template");
        rebuild.setTooltip(new Tooltip("Rebuild the plan from the template on the current base curve (undo restores)"));
        rebuild.setOnAction(e -> model.rebuild());
        TextField maxWindow = new TextField("0");
        maxWindow.setId("maxWindow");
        maxWindow.setTooltip(new Tooltip("The widest window the model takes (frames); 0 for no limit. The validator checks it."));
        maxWindow.setOnAction(e -> {
            try {
                model.maxWindowProperty().set(Math.max(0, Integer.parseInt(maxWindow.getText().trim())));
            } catch (NumberFormatException ex) {
                model.messageProperty().set("model window: '" + maxWindow.getText() + "' is not a whole number");
            }
        });
        GridPane limits = new GridPane();
        limits.setHgap(6);
        Label windowLabel = new Label("model window");
        windowLabel.setMinWidth(Label.USE_PREF_SIZE);
        limits.addRow(0, windowLabel, maxWindow);

        VBox box = new VBox(6, heading("Template"), presetBox, template, description, handEdited, parameters, rebuild,
                new Label("Templates build on:"), baseLabel, new Label("Base grid of this plan (σ per step):"),
                baseChart(), limits);
        box.setPadding(new Insets(8));
        return box;
    }

    /** σ per step of the base grid the templates are built on. */
    private ChartViewer baseChart() {
        DefaultXYDataset data = new DefaultXYDataset();
        JFreeChart chart = ChartFactory.createXYLineChart(null, "step", "σ", data,
                PlotOrientation.VERTICAL, false, true, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getXYPlot().setBackgroundPaint(Color.WHITE);
        chart.getXYPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        chart.getXYPlot().getRenderer().setSeriesPaint(0, new Color(0, 114, 178));
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setPrefSize(260, 140);
        viewer.setMinHeight(120);
        Runnable show = () -> {
            double[] base = model.plan().baseSigmas();
            double[] x = new double[base.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            if (data.getSeriesCount() > 0) {
                data.removeSeries(data.getSeriesKey(0));
            }
            data.addSeries("base σ", new double[][] {x, base});
        };
        model.stateProperty().addListener((o, a, b) -> show.run());
        show.run();
        return viewer;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("pane-heading");
        return l;
    }

    private VBox toolPanel() {
        FlowPane buttons = new FlowPane(4, 4);
        for (Tool t : Tool.values()) {
            ToggleButton b = new ToggleButton(switch (t) {
                case INSPECT -> "Inspect";
                case BRUSH -> "Brush";
                case FILL_ROW -> "Fill row";
                case FILL_COLUMN -> "Fill column";
                case SELECT_FRAMES -> "Select frames";
                case WINDOW_EDGE -> "Window edge";
            });
            b.setId("tool-" + t.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.setUserData(t);
            b.setToggleGroup(tools);
            b.setTooltip(new Tooltip(switch (t) {
                case INSPECT -> "Hover or click a cell to read it. Right-drag pans, scroll zooms, 0 fits.";
                case BRUSH -> "Paint the level below onto cells (radius in cells).";
                case FILL_ROW -> "Click a row to set all its cells to the level.";
                case FILL_COLUMN -> "Click a frame to set all its rows to the level.";
                case SELECT_FRAMES -> "Click a frame to select it, drag for a range, Ctrl+click to add or remove.";
                case WINDOW_EDGE -> "Drag a window edge across rows to move it.";
            }));
            buttons.getChildren().add(b);
        }
        tools.selectToggle(tools.getToggles().get(0));
        level.setId("brushLevel");
        level.setPrefColumnCount(5);
        level.setTooltip(new Tooltip("Level σ in [0, 1] the brush and fills write"));
        radius.setId("brushRadius");
        radius.setEditable(true);
        radius.setPrefWidth(80);
        Button smooth = new Button("Smooth");
        smooth.setTooltip(new Tooltip("Smooth levels across the selected frames (all frames if none), [1 2 1]/4 per row"));
        smooth.setOnAction(e -> {
            int[] range = selectedRange();
            model.edit(p -> PlanEdits.smooth(p, 0, p.rows(), range[0], range[1]), null);
        });
        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(4);
        g.addRow(0, new Label("level σ"), level);
        g.addRow(1, new Label("radius"), radius);
        return new VBox(4, buttons, g, smooth);
    }

    private VBox framePanel() {
        role.getItems().setAll(FrameRole.NAMES);
        role.setValue(FrameRole.NAMES.get(1));
        role.setId("roleChoice");
        roleValue.setPrefColumnCount(5);
        roleValue.setTooltip(new Tooltip("Fixed level a (SkyReels addnoise_condition/1000) or multiplier m (Pusa)"));
        source.setId("roleSource");
        source.setPromptText("image.png, clip.mp4 or frame 3");
        source.setTooltip(new Tooltip("Where the frame comes from: an image, a video (frame = this frame), or another frame"));
        Button apply = new Button("Set role of selected");
        apply.setId("applyRole");
        apply.setOnAction(e -> applyRole());
        lag.setEditable(true);
        lag.setPrefWidth(90);
        Button shift = new Button("Shift selected by lag");
        shift.setTooltip(new Tooltip("Delay the selected frames by this many rows (negative: earlier)"));
        shift.setOnAction(e -> {
            int[] range = selectedRange();
            model.edit(p -> PlanEdits.shiftFrames(p, range[0], range[1], lag.getValue()), null);
        });
        Button clear = new Button("Clear selection");
        clear.setOnAction(e -> model.selectedFrames().clear());
        Label selection = new Label();
        selection.setId("selectionLabel");
        model.selectedFrames().addListener((SetChangeListener<Integer>) c ->
                selection.setText(describeSelection()));
        selection.setText(describeSelection());
        GridPane g = FormGrid.create();
        g.addRow(0, new Label("role"), role);
        g.addRow(1, new Label("value"), roleValue);
        g.addRow(2, new Label("source"), source);
        g.addRow(3, new Label("lag"), lag);
        return new VBox(4, selection, g, new FlowPane(4, 4, apply, shift, clear));
    }

    private String describeSelection() {
        TreeSet<Integer> s = new TreeSet<>(model.selectedFrames());
        if (s.isEmpty()) {
            return "No frames selected (Select frames tool)";
        }
        return s.size() + " frame(s) selected: " + (s.size() == 1 ? s.first() : s.first() + "–" + s.last());
    }

    private VBox problemsPanel() {
        ListView<PlanProblem> list = new ListView<>(model.problems());
        list.setId("problemList");
        list.setPrefWidth(270);
        list.setMinHeight(80);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(PlanProblem item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.toString());
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        Label count = new Label();
        count.setId("problemCount");
        count.textProperty().bind(Bindings.createStringBinding(() -> model.problems().isEmpty()
                ? "No problems" : model.problems().size() + " problem(s)", model.problems()));
        VBox box = new VBox(6, heading("Tools"), toolPanel(), heading("Frames"), framePanel(), heading("Problems"),
                count, list);
        box.setPadding(new Insets(8));
        box.setPrefWidth(290);
        VBox.setVgrow(list, Priority.ALWAYS);
        return box;
    }

    private void showTemplate() {
        updating = true;
        try {
            template.setValue(model.template());
            parameters.getChildren().clear();
            int row = 0;
            for (TemplateParameter p : model.template().parameters()) {
                TextField field = new TextField(valueText(p));
                field.setId("param-" + p.key());
                field.setPrefColumnCount(8);
                field.setTooltip(new Tooltip(p.help() + (p.range() == null ? "" : "\nAllowed: " + p.range())));
                Runnable commit = () -> {
                    if (!field.getText().equals(valueText(p))) {
                        boolean ok = model.setTemplateValue(p.key(), field.getText().trim());
                        field.getStyleClass().remove("invalid");
                        if (!ok) {
                            field.getStyleClass().add("invalid");
                        }
                    }
                };
                field.setOnAction(e -> commit.run());
                field.focusedProperty().addListener((o, was, now) -> {
                    if (!now) {
                        commit.run();
                    }
                });
                Label label = new Label(p.key());
                label.setTooltip(field.getTooltip());
                parameters.addRow(row++, label, field);
            }
        } finally {
            updating = false;
        }
    }

    private String valueText(TemplateParameter p) {
        Object v = model.templateValues().get(p.key());
        if (v != null) {
            return v.toString();
        }
        return switch (p.type()) {
            case TEXT -> p.defaultText();
            case INTEGER -> Integer.toString((int) p.defaultValue());
            case NUMBER -> Double.toString(p.defaultValue());
        };
    }

    private Tool tool() {
        return tools.getSelectedToggle() == null ? Tool.INSPECT : (Tool) tools.getSelectedToggle().getUserData();
    }

    private double level() {
        try {
            double v = Double.parseDouble(level.getText().trim());
            if (v >= 0 && v <= 1) {
                level.getStyleClass().remove("invalid");
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        if (!level.getStyleClass().contains("invalid")) {
            level.getStyleClass().add("invalid");
        }
        model.messageProperty().set("level σ: '" + level.getText() + "' is not a number in [0, 1]");
        return Double.NaN;
    }

    /** [first, last + 1) of the selected frames, or all frames when none is selected. */
    private int[] selectedRange() {
        if (model.selectedFrames().isEmpty()) {
            return new int[] {0, model.plan().frames()};
        }
        TreeSet<Integer> s = new TreeSet<>(model.selectedFrames());
        return new int[] {s.first(), s.last() + 1};
    }

    private void applyRole() {
        if (model.selectedFrames().isEmpty()) {
            model.messageProperty().set("Select frames first (Select frames tool)");
            return;
        }
        double value;
        try {
            value = Double.parseDouble(roleValue.getText().trim());
        } catch (NumberFormatException e) {
            model.messageProperty().set("role value: '" + roleValue.getText() + "' is not a number");
            return;
        }
        List<Integer> frames = new ArrayList<>(new TreeSet<>(model.selectedFrames()));
        String text = source.getText().trim();
        Map<Integer, FrameRole> roles = new HashMap<>();
        try {
            for (int f : frames) {
                roles.put(f, FrameRole.named(role.getValue(), value, FrameSource.parse(text, f)));
            }
        } catch (IllegalArgumentException e) {
            model.messageProperty().set("role: " + e.getMessage());
            return;
        }
        model.edit(p -> PlanEdits.setRoles(p, roles), null);
    }
}
