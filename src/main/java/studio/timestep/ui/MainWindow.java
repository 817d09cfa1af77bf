package studio.timestep.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.StatusBar;
import studio.timestep.io.PlanPresets;
import studio.timestep.io.PresetLibrary;
import studio.timestep.run.PlanOrigin;
import studio.timestep.run.RunException;
import studio.timestep.run.RunRequest;
import studio.timestep.sampling.Backend;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.SigmaGrid;

/**
 * The product's home window: menus, the curve workspace (curve list and presets, the five charts
 * with the sigma table, the parameters of the selected curve) and a status bar.
 */
public final class MainWindow extends BorderPane {
    private final CurveEditorModel model;
    private final PlanEditorModel planModel;
    private final LazyTabContent<PlanEditorView> planEditor;
    private final LazyTabContent<RunPanel> runPanel;
    /** The run model's frame axis ("frames" or latent frames), which the plan heatmap names. */
    private final StringProperty frameAxis = new SimpleStringProperty(RunSettingsForm.VIDEO_FRAMES);
    private final TabPane tabs = new TabPane();
    private final CurveChartsView charts = new CurveChartsView();
    private final SigmaTableView table;
    private final CurveListPane curveList;
    private final FileActions files;
    static final KeyCombination UNDO = KeyCombination.keyCombination("Shortcut+Z");
    static final KeyCombination REDO = KeyCombination.keyCombination("Shortcut+Shift+Z");

    public MainWindow(CurveEditorModel model, Path presetDirectory, Preferences prefs) {
        this.model = model;
        this.table = new SigmaTableView(model);
        this.curveList = new CurveListPane(model);
        getStyleClass().add("main-window");

        VBox left = new VBox(curveList, new PresetPane(model, presetDirectory));
        left.setPrefWidth(290);
        VBox.setVgrow(curveList, Priority.ALWAYS);
        GridPane chartGrid = new GridPane();
        chartGrid.setHgap(4);
        chartGrid.setVgap(4);
        chartGrid.add(charts.curve, 0, 0);
        chartGrid.add(charts.slope, 1, 0);
        chartGrid.add(charts.sigmas, 2, 0);
        chartGrid.add(charts.timesteps, 0, 1);
        chartGrid.add(charts.stepSizes, 1, 1);
        chartGrid.add(table, 2, 1);
        for (double percent : new double[] {32, 32, 36}) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(percent);
            chartGrid.getColumnConstraints().add(c);
        }
        for (var node : chartGrid.getChildren()) {
            GridPane.setHgrow(node, Priority.ALWAYS);
            GridPane.setVgrow(node, Priority.ALWAYS);
        }
        SplitPane split = new SplitPane(left, chartGrid, new ParameterPane(model));
        split.setDividerPositions(0.19, 0.77);
        SplitPane.setResizableWithParent(left, false);

        planModel = new PlanEditorModel(this::baseGrid, model.messageProperty());
        model.workspaceProperty().addListener((o, a, b) -> planModel.baseChanged());
        model.selectedProperty().addListener((o, a, b) -> planModel.baseChanged());
        Tab curvesTab = new Tab("Curves", split);
        curvesTab.setId("curvesTab");
        Tab planTab = new Tab("Plan");
        planTab.setId("planTab");
        Tab runTab = new Tab("Run");
        runTab.setId("runTab");
        tabs.getTabs().addAll(curvesTab, planTab, runTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        planEditor = new LazyTabContent<>(planTab, () -> planEditorView(presetDirectory));
        runPanel = new LazyTabContent<>(runTab, () -> {
            RunPanel p = new RunPanel(planModel::plan, this::runOrigin, model.messageProperty());
            frameAxis.bind(p.frameAxisProperty());
            return p;
        });
        runTab.setOnSelectionChanged(e -> {
            if (runTab.isSelected()) {
                runPanel().refresh();
            }
        });
        NativeLoadingThread.startWhenShown(this, "run-warm-up", StartTiming.around(RunPanel::warmUp));
        setCenter(tabs);
        files = new FileActions(this, model, planModel, new RecentFiles(prefs), () -> tabs.getSelectionModel().select(1));
        setTop(new MainMenu(this, files).build());
        setBottom(statusBar());

        ChartDragController.attach(model, charts.curve, charts.sigmas);
        addEventFilter(KeyEvent.KEY_PRESSED, this::undoFromValueFields);
        model.workspaceProperty().addListener((o, a, b) -> redraw());
        model.selectedProperty().addListener((o, a, b) -> redraw());
        redraw();
    }

    private PlanEditorView planEditorView(Path presetDirectory) {
        List<String> presetProblems = new ArrayList<>();
        var planPresets = PlanPresets.list(presetDirectory.resolve("plans"), presetProblems);
        if (!presetProblems.isEmpty()) {
            model.messageProperty().set("Plan presets: " + String.join("; ", presetProblems));
        }
        PlanEditorView view = new PlanEditorView(planModel, Bindings.createStringBinding(this::baseName,
                model.workspaceProperty(), model.selectedProperty()), planPresets);
        view.heatmap().frameAxisProperty().bind(frameAxis);
        return view;
    }

    /**
     * A value field (shift, steps, ...) commits on Enter, so Ctrl+Z there means "undo the last
     * edit" rather than the text control's own undo; multi-line text keeps its own.
     */
    private void undoFromValueFields(KeyEvent e) {
        if (!(e.getTarget() instanceof TextField)) {
            return;
        }
        if (REDO.match(e)) {
            redo();
            e.consume();
        } else if (UNDO.match(e)) {
            undo();
            e.consume();
        }
    }

    /** The base of plans when no curve is selected: flow shift 1 (the identity) at 50 steps. */
    private static final CurveSetup DEFAULT_BASE = new CurveSetup("identity", new FlowShiftCurve(1),
            GridConvention.EULER_SIGMAS, 50, true);

    /** The base grid of plans: the selected curve's grid, or {@link #DEFAULT_BASE} when there is none. */
    private SigmaGrid baseGrid() {
        CurveSetup c = model.selectedCurve();
        return (c != null ? c : DEFAULT_BASE).grid();
    }

    private String baseName() {
        CurveSetup c = model.selectedCurve();
        return c == null ? "flow shift s=1, euler-sigmas, 50 steps (no curve selected)"
                : c.name() + " — " + c.schedule().label() + (c.schedule().usesConvention() ? ", " + c.convention().id() : "")
                        + ", " + c.steps() + " steps (the selected curve)";
    }

    CurveEditorModel model() {
        return model;
    }

    /** What made the Plan tab's plan: its template on the selected curve, or an edit (whose grid is its own). */
    private PlanOrigin runOrigin() {
        PlanEditorModel.State state = planModel.stateProperty().get();
        if (!state.fromTemplate()) {
            return new PlanOrigin("edited " + state.template().id(), null);
        }
        CurveSetup c = model.selectedCurve();
        return new PlanOrigin(state.template().id(), c != null ? c : DEFAULT_BASE);
    }

    RunPanel runPanel() {
        return runPanel.get();
    }

    private boolean planTabShown() {
        return tabs.getSelectionModel().getSelectedIndex() == 1;
    }

    void undo() {
        if (planTabShown()) {
            planModel.undo();
        } else {
            model.undo();
        }
    }

    void redo() {
        if (planTabShown()) {
            planModel.redo();
        } else {
            model.redo();
        }
    }

    boolean canUndo() {
        return planTabShown() ? planModel.canUndoProperty().get() : model.canUndoProperty().get();
    }

    boolean canRedo() {
        return planTabShown() ? planModel.canRedoProperty().get() : model.canRedoProperty().get();
    }

    CurveListPane curveList() {
        return curveList;
    }

    PlanEditorModel planModel() {
        return planModel;
    }

    PlanEditorView planEditor() {
        return planEditor.get();
    }

    TabPane tabs() {
        return tabs;
    }

    CurveChartsView charts() {
        return charts;
    }

    SigmaTableView table() {
        return table;
    }

    private void redraw() {
        charts.show(model.workspace(), model.selectedProperty().get());
    }

    private StatusBar statusBar() {
        StatusBar bar = new StatusBar();
        bar.setId("statusBar");
        bar.textProperty().bind(model.messageProperty());
        Label summary = new Label();
        summary.setId("curveSummary");
        Runnable update = () -> {
            CurveSetup c = model.selectedCurve();
            summary.setText(c == null ? "" : c.schedule().label()
                    + (c.schedule().usesConvention() ? " · " + c.convention().id() : "") + " · " + c.steps()
                    + " steps · last timestep " + String.format(Locale.ROOT, "%.2f",
                    c.grid().timestep(c.grid().steps() - 1))
                    + (model.workspace().boundary() == null ? "" : " · experts: "
                    + BoundaryPane.describe(model.workspace().boundary(), c)));
        };
        model.workspaceProperty().addListener((o, a, b) -> update.run());
        model.selectedProperty().addListener((o, a, b) -> update.run());
        update.run();
        Label backend = new Label("  ·  ND4J: loading the math library…");
        backend.setId("backendLabel");
        NativeLoadingThread.startWhenShown(bar, "backend-probe", () -> {
            String name = Backend.describe();
            Platform.runLater(() -> backend.setText("  ·  ND4J: " + name));
        });
        bar.getRightItems().addAll(summary, backend);
        return bar;
    }

    /** Curve ▸ Best shift…: shift auto-tune for the selected curve's steps with the Run tab's model and settings. */
    void bestShift() {
        onSelectedCurve("Best shift", (base, request) -> BestShiftDialog.open(this, model, base, request, runPanel().models()));
    }

    /** Curve ▸ Best shift table…: best shift by steps × frames with the Run tab's model and settings. */
    void bestShiftTable() {
        onSelectedCurve("Best shift table", (base, request) -> BestShiftTableDialog.open(this, model, base, request,
                runPanel().models()));
    }

    /** Curve ▸ Optimal steps…: the selected curve as a teacher, the Run tab's model and settings. */
    void optimalSteps() {
        onSelectedCurve("Optimal steps", (base, teacher) -> OptimalStepsDialog.open(this, model, base, teacher, runPanel().models()));
    }

    /**
     * Opens a dialog on the selected curve and the synchronous t2v request the Run tab makes of it;
     * when the Run tab cannot make one (a field that does not parse, a run going), the status line
     * says why and nothing opens.
     */
    private void onSelectedCurve(String what, BiConsumer<CurveSetup, RunRequest> open) {
        CurveSetup base = model.selectedCurve();
        if (base == null) {
            return;
        }
        RunRequest request;
        try {
            request = runPanel().teacherFor(base);
        } catch (IllegalArgumentException | RunException e) {
            model.messageProperty().set(what + ": " + e.getMessage());
            return;
        }
        open.accept(base, request);
    }

    /** File ▸ Quit: closes the window once unsaved curves are saved or given up. */
    void quit() {
        if (confirmDiscard()) {
            getScene().getWindow().hide();
        }
    }

    /** File ▸ Import L1 log…: into the Run tab's run list. */
    void importL1Log() {
        tabs.getSelectionModel().select(2);
        runPanel().importLog();
    }

    /** Asks whether to drop unsaved changes; true when it is fine to go on. */
    boolean confirmDiscard() {
        return files.confirmDiscard();
    }

    /** Opens a curve file, or a plan file in the Plan tab; on failure what is open stays and the reason is shown. */
    public void openFile(Path path) {
        files.openFile(path);
    }

    /** Adds a manual curve from sigma-list text; reports what is wrong with it otherwise. */
    void addManualCurve(String name, String text) {
        files.addManualCurve(name, text);
    }

    /** The preset folder the window lists by default. */
    public static Path defaultPresetDirectory() {
        return PresetLibrary.defaultDirectory();
    }
}
