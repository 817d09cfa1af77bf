package studio.timestep.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;
import studio.timestep.io.AtomicFiles;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.PlanFiles;
import studio.timestep.io.PlanPresets;
import studio.timestep.io.PresetLibrary;
import studio.timestep.io.ScheduleExportFormat;
import studio.timestep.io.SigmaListFiles;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.report.PlanAnimation;
import studio.timestep.run.PlanOrigin;
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
    private final PlanEditorView planEditor;
    private final RunPanel runPanel;
    private final TabPane tabs = new TabPane();
    private final CurveChartsView charts = new CurveChartsView();
    private final SigmaTableView table;
    private final CurveListPane curveList;
    private final RecentFiles recent;
    private final Menu recentMenu = new Menu("Open Recent");
    private static final KeyCombination UNDO = KeyCombination.keyCombination("Shortcut+Z");
    private static final KeyCombination REDO = KeyCombination.keyCombination("Shortcut+Shift+Z");

    public MainWindow(CurveEditorModel model, Path presetDirectory, Preferences prefs) {
        this.model = model;
        this.recent = new RecentFiles(prefs);
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
        List<String> presetProblems = new ArrayList<>();
        var planPresets = PlanPresets.list(presetDirectory.resolve("plans"), presetProblems);
        if (!presetProblems.isEmpty()) {
            model.messageProperty().set("Plan presets: " + String.join("; ", presetProblems));
        }
        planEditor = new PlanEditorView(planModel, Bindings.createStringBinding(this::baseName,
                model.workspaceProperty(), model.selectedProperty()), planPresets);
        model.workspaceProperty().addListener((o, a, b) -> planModel.baseChanged());
        model.selectedProperty().addListener((o, a, b) -> planModel.baseChanged());
        Tab curvesTab = new Tab("Curves", split);
        curvesTab.setId("curvesTab");
        Tab planTab = new Tab("Plan", planEditor);
        planTab.setId("planTab");
        runPanel = new RunPanel(planModel::plan, this::runOrigin, model.messageProperty());
        Tab runTab = new Tab("Run", runPanel);
        runTab.setId("runTab");
        runTab.setOnSelectionChanged(e -> runPanel.refresh());
        planEditor.heatmap().frameAxisProperty().bind(runPanel.frameAxisProperty());
        tabs.getTabs().addAll(curvesTab, planTab, runTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
        setTop(menuBar());
        setBottom(statusBar());

        ChartDragController.attach(model, charts.curve, charts.sigmas);
        addEventFilter(KeyEvent.KEY_PRESSED, this::undoFromValueFields);
        model.workspaceProperty().addListener((o, a, b) -> redraw());
        model.selectedProperty().addListener((o, a, b) -> redraw());
        redraw();
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
        return runPanel;
    }

    private boolean planTabShown() {
        return tabs.getSelectionModel().getSelectedIndex() == 1;
    }

    private void undo() {
        if (planTabShown()) {
            planModel.undo();
        } else {
            model.undo();
        }
    }

    private void redo() {
        if (planTabShown()) {
            planModel.redo();
        } else {
            model.redo();
        }
    }

    PlanEditorModel planModel() {
        return planModel;
    }

    PlanEditorView planEditor() {
        return planEditor;
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
                    c.grid().timestep(c.grid().steps() - 1)));
        };
        model.workspaceProperty().addListener((o, a, b) -> update.run());
        model.selectedProperty().addListener((o, a, b) -> update.run());
        update.run();
        Label backend = new Label();
        NativeLoadingThread.start("backend-probe", () -> {
            String name = Backend.describe();
            Platform.runLater(() -> backend.setText("  ·  ND4J: " + name));
        });
        bar.getRightItems().addAll(summary, backend);
        return bar;
    }

    private MenuBar menuBar() {
        Menu file = new Menu("File");
        Menu export = new Menu("Export Selected Curve");
        for (ScheduleExportFormat f : ScheduleExportFormat.values()) {
            export.getItems().add(item(f.id().toUpperCase(Locale.ROOT) + "…", null, () -> exportTo(f)));
        }
        file.getItems().addAll(
                item("New", "Shortcut+N", this::newWorkspace),
                item("Open…", "Shortcut+O", this::open),
                recentMenu,
                item("Save", "Shortcut+S", this::save),
                item("Save As…", "Shortcut+Shift+S", this::saveAs),
                new SeparatorMenuItem(),
                item("Import Sigma List…", "Shortcut+I", this::importSigmaList),
                export);
        file.setOnShowing(e -> refreshRecent());
        Menu edit = new Menu("Edit");
        MenuItem undo = item("Undo", null, this::undo);
        undo.setAccelerator(UNDO);
        MenuItem redo = item("Redo", null, this::redo);
        redo.setAccelerator(REDO);
        edit.setOnShowing(e -> {
            undo.setDisable(!(planTabShown() ? planModel.canUndoProperty().get() : model.canUndoProperty().get()));
            redo.setDisable(!(planTabShown() ? planModel.canRedoProperty().get() : model.canRedoProperty().get()));
        });
        edit.getItems().addAll(undo, redo, new SeparatorMenuItem(),
                item("Copy Sigma Table", "Shortcut+Shift+C", table::copyToClipboard),
                item("Copy ComfyUI Sigmas", null, () -> copy(ScheduleExportFormat.COMFYUI)),
                item("Copy diffusers Snippet", null, () -> copy(ScheduleExportFormat.DIFFUSERS)),
                item("Paste Sigma List as New Curve", "Shortcut+Shift+V", this::pasteSigmaList));
        Menu curve = new Menu("Curve");
        curve.getItems().addAll(
                item("Add", "Shortcut+T", curveList::add),
                item("Duplicate", "Shortcut+D", curveList::duplicate),
                item("Rename…", "F2", curveList::rename),
                item("Show/Hide", "Shortcut+H", curveList::toggleVisible),
                item("Remove", "Delete", curveList::remove));
        Menu plan = new Menu("Plan");
        plan.getItems().addAll(
                item("Open Plan…", "Shortcut+Shift+O", this::openPlan),
                item("Save Plan As…", "Shortcut+Shift+P", this::savePlan),
                new SeparatorMenuItem(),
                item("Export Animation as GIF…", null, () -> exportAnimation(true)),
                item("Export Animation as PNG Frames…", null, () -> exportAnimation(false)),
                new SeparatorMenuItem(),
                item("Fit Heatmap", null, () -> planEditor.heatmap().fit()));
        return new MenuBar(file, edit, curve, plan);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private Window window() {
        return getScene().getWindow();
    }

    private FileChooser chooser(String title, String description, String pattern) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        Path current = model.fileProperty().get();
        if (current != null && current.toAbsolutePath().getParent() != null) {
            c.setInitialDirectory(current.toAbsolutePath().getParent().toFile());
        }
        return c;
    }

    /** Asks whether to drop unsaved changes; true when it is fine to go on. */
    boolean confirmDiscard() {
        if (!model.dirtyProperty().get()) {
            return true;
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "The curves have unsaved changes.",
                new ButtonType("Save", ButtonType.OK.getButtonData()), new ButtonType("Discard",
                ButtonType.NO.getButtonData()), ButtonType.CANCEL);
        a.initOwner(window());
        a.setHeaderText("Save changes first?");
        ButtonType answer = a.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == ButtonType.CANCEL) {
            return false;
        }
        return !answer.getText().equals("Save") || save();
    }

    private void newWorkspace() {
        if (confirmDiscard()) {
            model.reset();
        }
    }

    private void open() {
        if (!confirmDiscard()) {
            return;
        }
        File f = chooser("Open curves", "Curve files", "*.json").showOpenDialog(window());
        if (f != null) {
            openFile(f.toPath());
        }
    }

    /** Opens a curve file, or a plan file in the Plan tab; on failure what is open stays and the reason is shown. */
    public void openFile(Path path) {
        try {
            if (Files.readString(path).contains("\"" + PlanFiles.FORMAT + "\"")) {
                planModel.open(path);
                tabs.getSelectionModel().select(1);
                return;
            }
            model.open(path);
            recent.add(path);
        } catch (IOException e) {
            error("Cannot open " + path.getFileName(), e.getMessage());
        } catch (FileFormatException e) {
            error("Cannot open " + path.getFileName(), e.getMessage());
        }
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        for (Path p : recent.list()) {
            recentMenu.getItems().add(item(p.toString(), null, () -> {
                if (!Files.exists(p)) {
                    recent.remove(p);
                    error("Cannot open " + p.getFileName(), "The file no longer exists: " + p);
                } else if (confirmDiscard()) {
                    openFile(p);
                }
            }));
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private boolean save() {
        Path f = model.fileProperty().get();
        return f == null ? saveAs() : saveTo(f);
    }

    private boolean saveAs() {
        File f = chooser("Save curves", "Curve files", "*.json").showSaveDialog(window());
        return f != null && saveTo(f.toPath());
    }

    private boolean saveTo(Path path) {
        try {
            model.save(path);
            recent.add(path);
            return true;
        } catch (IOException e) {
            error("Cannot save " + path.getFileName(), e.getMessage() + "\nThe previous file, if any, is unchanged.");
            return false;
        }
    }

    private void openPlan() {
        File f = chooser("Open plan", "Plan files", "*.json").showOpenDialog(window());
        if (f == null) {
            return;
        }
        try {
            planModel.open(f.toPath());
            tabs.getSelectionModel().select(1);
        } catch (IOException e) {
            error("Cannot open " + f.getName(), e.getMessage());
        } catch (FileFormatException e) {
            error("Cannot open " + f.getName(), e.getMessage() + "\nThe open plan is unchanged.");
        }
    }

    private void savePlan() {
        File f = chooser("Save plan", "Plan files", "*.json").showSaveDialog(window());
        if (f == null) {
            return;
        }
        try {
            planModel.save(f.toPath());
        } catch (IOException e) {
            error("Cannot save " + f.getName(), e.getMessage());
        }
    }

    /** Writes the plan's animation in the background, with progress in the status bar. */
    private void exportAnimation(boolean gif) {
        TimestepPlan plan = planModel.plan();
        Path target;
        if (gif) {
            File f = chooser("Export animation", "GIF", "*.gif").showSaveDialog(window());
            target = f == null ? null : f.toPath();
        } else {
            DirectoryChooser d = new DirectoryChooser();
            d.setTitle("Folder for the PNG frames");
            File f = d.showDialog(window());
            target = f == null ? null : f.toPath();
        }
        if (target == null) {
            return;
        }
        model.messageProperty().set("Writing " + (plan.rows() + 1) + " pictures to " + target.getFileName() + "…");
        FileTask.start("animation-export", () -> {
            if (gif) {
                PlanAnimation.writeGif(plan, target, PlanAnimationView.WIDTH, PlanAnimationView.HEIGHT, 120);
            } else {
                PlanAnimation.writePngFrames(plan, target, PlanAnimationView.WIDTH, PlanAnimationView.HEIGHT);
            }
        }, () -> model.messageProperty().set("Exported the animation to " + target),
                reason -> error("Cannot export the animation", reason));
    }

    private void exportTo(ScheduleExportFormat format) {
        CurveSetup c = model.selectedCurve();
        if (c == null) {
            return;
        }
        String text;
        try {
            text = format.render(c);
        } catch (InvalidParameterException e) {
            error("Cannot export as " + format.id(), e.detail());
            return;
        }
        FileChooser chooser = chooser("Export " + c.name(), format.id(), "*." + format.extension());
        chooser.setInitialFileName(c.name().replaceAll("[^A-Za-z0-9._-]+", "_") + "." + format.extension());
        File f = chooser.showSaveDialog(window());
        if (f == null) {
            return;
        }
        try {
            AtomicFiles.writeString(f.toPath(), text);
            model.messageProperty().set("Exported " + f.getName());
        } catch (IOException e) {
            error("Cannot write " + f.getName(), e.getMessage());
        }
    }

    private void copy(ScheduleExportFormat format) {
        CurveSetup c = model.selectedCurve();
        if (c != null) {
            ClipboardContent content = new ClipboardContent();
            content.putString(format.render(c));
            Clipboard.getSystemClipboard().setContent(content);
            model.messageProperty().set("Copied " + format.id() + " of " + c.name());
        }
    }

    private void importSigmaList() {
        File f = chooser("Import sigma list", "Sigma lists", "*.*").showOpenDialog(window());
        if (f != null) {
            try {
                addManualCurve(f.getName(), Files.readString(f.toPath()));
            } catch (IOException e) {
                error("Cannot read " + f.getName(), e.getMessage());
            }
        }
    }

    private void pasteSigmaList() {
        String text = Clipboard.getSystemClipboard().getString();
        addManualCurve("pasted sigmas", text == null ? "" : text);
    }

    /** Adds a manual curve from sigma-list text; reports what is wrong with it otherwise. */
    void addManualCurve(String name, String text) {
        try {
            var schedule = SigmaListFiles.parse(text);
            model.addCurves(List.of(new CurveSetup(name, schedule, GridConvention.EULER_SIGMAS, schedule.steps(), true)));
        } catch (InvalidParameterException e) {
            error("Not a sigma list", e.getMessage());
        }
    }

    private void error(String header, String detail) {
        model.messageProperty().set(header + ": " + detail);
        Alert a = new Alert(Alert.AlertType.ERROR, detail, ButtonType.OK);
        a.setHeaderText(header);
        a.initOwner(window());
        a.show();
    }

    /** The preset folder the window lists by default. */
    public static Path defaultPresetDirectory() {
        return PresetLibrary.defaultDirectory();
    }
}
