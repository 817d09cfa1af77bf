package studio.timestep.ui;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import studio.timestep.io.ScheduleExportFormat;

/** The window's menus (File, Edit, Curve, Plan) with their shortcuts; what they do lives in {@link FileActions} and the panes. */
final class MainMenu {
    private final MainWindow window;
    private final FileActions files;
    private final Menu recentMenu = new Menu("Open recent");

    MainMenu(MainWindow window, FileActions files) {
        this.window = window;
        this.files = files;
    }

    MenuBar build() {
        Menu file = new Menu("File");
        Menu export = new Menu("Export selected curve");
        for (ScheduleExportFormat f : ScheduleExportFormat.values()) {
            export.getItems().add(item(f.menuName() + "…", null, () -> files.exportTo(f)));
        }
        file.getItems().addAll(
                item("New", "Shortcut+N", files::newWorkspace),
                item("Open…", "Shortcut+O", files::open),
                recentMenu,
                item("Save", "Shortcut+S", files::save),
                item("Save as…", "Shortcut+Shift+S", files::saveAs),
                new SeparatorMenuItem(),
                item("Import sigma list…", "Shortcut+I", files::importSigmaList),
                export,
                item("Import L1 log…", "Shortcut+L", window::importL1Log),
                new SeparatorMenuItem(),
                item("Quit", "Shortcut+Q", window::quit));
        file.setOnShowing(e -> files.refreshRecent(recentMenu));
        Menu edit = new Menu("Edit");
        MenuItem undo = item("Undo", null, window::undo);
        undo.setAccelerator(MainWindow.UNDO);
        MenuItem redo = item("Redo", null, window::redo);
        redo.setAccelerator(MainWindow.REDO);
        edit.setOnShowing(e -> {
            undo.setDisable(!window.canUndo());
            redo.setDisable(!window.canRedo());
        });
        edit.getItems().addAll(undo, redo, new SeparatorMenuItem(),
                item("Copy sigma table", "Shortcut+Shift+C", window.table()::copyToClipboard),
                item("Copy ComfyUI sigmas", null, () -> files.copy(ScheduleExportFormat.COMFYUI)),
                item("Copy diffusers snippet", null, () -> files.copy(ScheduleExportFormat.DIFFUSERS)),
                item("Paste sigma list as new curve", "Shortcut+Shift+V", files::pasteSigmaList));
        Menu curve = new Menu("Curve");
        curve.getItems().addAll(
                item("Add", "Shortcut+T", window.curveList()::add),
                item("Duplicate", "Shortcut+D", window.curveList()::duplicate),
                item("Rename…", "F2", window.curveList()::rename),
                item("Show/hide", "Shortcut+H", window.curveList()::toggleVisible),
                item("Remove", "Delete", window.curveList()::remove),
                new SeparatorMenuItem(),
                item("Optimal steps…", null, window::optimalSteps),
                item("Best shift…", null, window::bestShift),
                item("Best shift table…", null, window::bestShiftTable));
        Menu plan = new Menu("Plan");
        plan.getItems().addAll(
                item("Open plan…", "Shortcut+Shift+O", files::openPlan),
                item("Save plan as…", "Shortcut+Shift+P", files::savePlan),
                new SeparatorMenuItem(),
                item("Export animation as GIF…", null, () -> files.exportAnimation(true)),
                item("Export animation as PNG frames…", null, () -> files.exportAnimation(false)),
                new SeparatorMenuItem(),
                item("Fit heatmap", null, () -> window.planEditor().heatmap().fit()));
        return new MenuBar(file, edit, curve, plan);
    }

    static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }
}
