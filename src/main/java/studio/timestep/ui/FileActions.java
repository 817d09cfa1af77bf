package studio.timestep.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import studio.timestep.io.AtomicFiles;
import studio.timestep.io.CurveFiles;
import studio.timestep.io.PlanFiles;
import studio.timestep.io.ScheduleExportFormat;
import studio.timestep.io.SigmaListFiles;
import studio.timestep.io.StrictJson;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.report.PlanAnimation;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.CurveWorkspace;
import studio.timestep.schedule.GridConvention;

/**
 * What the File and Plan menus do: open, save and export curve and plan files with the file
 * choosers, the recent files, sigma lists from a file or the clipboard. A file that fails to load
 * leaves what is open untouched and says why in a dialog and the status bar.
 */
final class FileActions {
    private final Node owner;
    private final CurveEditorModel model;
    private final PlanEditorModel planModel;
    private final RecentFiles recent;
    private final Runnable showPlan;

    /** {@code showPlan} brings the Plan tab forward after a plan was opened. */
    FileActions(Node owner, CurveEditorModel model, PlanEditorModel planModel, RecentFiles recent, Runnable showPlan) {
        this.owner = owner;
        this.model = model;
        this.planModel = planModel;
        this.recent = recent;
        this.showPlan = showPlan;
    }

    private Window window() {
        return owner.getScene().getWindow();
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

    void newWorkspace() {
        if (confirmDiscard()) {
            model.reset();
        }
    }

    void open() {
        if (!confirmDiscard()) {
            return;
        }
        File f = chooser("Open curves", "Curve files", "*.json").showOpenDialog(window());
        if (f != null) {
            openFile(f.toPath());
        }
    }

    /**
     * Opens a curve file, or a plan file in the Plan tab, reading it in the background; on failure
     * what is open stays and the reason is shown.
     */
    void openFile(Path path) {
        FileTask.read("open", () -> PlanFiles.isPlanFile(path) ? PlanFiles.read(path) : CurveFiles.read(path), loaded -> {
            if (loaded instanceof TimestepPlan plan) {
                planModel.opened(plan, path);
                showPlan.run();
            } else {
                model.opened((CurveWorkspace) loaded, path);
                recent.add(path);
            }
        }, reason -> error("Cannot open " + path.getFileName(), reason));
    }

    /** Fills the Open Recent menu with the recent files that still exist. */
    void refreshRecent(Menu recentMenu) {
        recentMenu.getItems().clear();
        for (Path p : recent.list()) {
            recentMenu.getItems().add(MainMenu.item(p.toString(), null, () -> {
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

    boolean save() {
        Path f = model.fileProperty().get();
        return f == null ? saveAs() : saveTo(f);
    }

    boolean saveAs() {
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

    void openPlan() {
        File f = chooser("Open plan", "Plan files", "*.json").showOpenDialog(window());
        if (f == null) {
            return;
        }
        Path path = f.toPath();
        FileTask.read("plan-open", () -> PlanFiles.read(path), plan -> {
            planModel.opened(plan, path);
            showPlan.run();
        }, reason -> error("Cannot open " + f.getName(), reason + "\nThe open plan is unchanged."));
    }

    void savePlan() {
        File f = chooser("Save plan", "Plan files", "*.json").showSaveDialog(window());
        if (f == null) {
            return;
        }
        TimestepPlan plan = planModel.plan();
        FileTask.start("plan-save", () -> PlanFiles.write(f.toPath(), plan), () -> planModel.saved(f.toPath()),
                reason -> error("Cannot save " + f.getName(), reason));
    }

    /** Writes the plan's animation in the background, with progress in the status bar. */
    void exportAnimation(boolean gif) {
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

    void exportTo(ScheduleExportFormat format) {
        CurveSetup c = model.selectedCurve();
        if (c == null) {
            return;
        }
        String text;
        try {
            text = format.render(c, model.workspace().boundary());
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
        FileTask.start("curve-export", () -> AtomicFiles.writeString(f.toPath(), text),
                () -> model.messageProperty().set("Exported " + f.getName()), reason -> error("Cannot write " + f.getName(), reason));
    }

    void copy(ScheduleExportFormat format) {
        CurveSetup c = model.selectedCurve();
        if (c != null) {
            ClipboardContent content = new ClipboardContent();
            content.putString(format.render(c, model.workspace().boundary()));
            Clipboard.getSystemClipboard().setContent(content);
            model.messageProperty().set("Copied " + format.id() + " of " + c.name());
        }
    }

    void importSigmaList() {
        File f = chooser("Import sigma list", "Sigma lists", "*.*").showOpenDialog(window());
        if (f != null) {
            FileTask.read("sigma-import", () -> StrictJson.readText(f.toPath(), SigmaListFiles.MAX_BYTES),
                    text -> addManualCurve(f.getName(), text), reason -> error("Cannot read " + f.getName(), reason));
        }
    }

    void pasteSigmaList() {
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
}
