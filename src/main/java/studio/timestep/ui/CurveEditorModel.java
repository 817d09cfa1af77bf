package studio.timestep.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import studio.timestep.io.CurveFiles;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.CurveWorkspace;
import studio.timestep.schedule.ExpertBoundary;

/**
 * The curve workspace as the window sees it: the current immutable {@link CurveWorkspace}, the
 * selected curve, undo/redo, the file it belongs to and a status message. Every edit goes
 * through {@link #edit}, so every edit can be undone and a refused value never changes state.
 */
public final class CurveEditorModel {
    private final ObjectProperty<CurveWorkspace> workspace = new SimpleObjectProperty<>(CurveWorkspace.starter());
    private final IntegerProperty selected = new SimpleIntegerProperty(0);
    private final BooleanProperty canUndo = new SimpleBooleanProperty();
    private final BooleanProperty canRedo = new SimpleBooleanProperty();
    private final BooleanProperty dirty = new SimpleBooleanProperty();
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("Ready");
    private final EditHistory<State> history = new EditHistory<>(500);

    private record State(CurveWorkspace workspace, int selected) {
    }

    public ObjectProperty<CurveWorkspace> workspaceProperty() {
        return workspace;
    }

    public CurveWorkspace workspace() {
        return workspace.get();
    }

    public IntegerProperty selectedProperty() {
        return selected;
    }

    /** The selected curve, or null when the workspace is empty. */
    public CurveSetup selectedCurve() {
        int i = selected.get();
        return i >= 0 && i < workspace().size() ? workspace().get(i) : null;
    }

    public BooleanProperty canUndoProperty() {
        return canUndo;
    }

    public BooleanProperty canRedoProperty() {
        return canRedo;
    }

    public BooleanProperty dirtyProperty() {
        return dirty;
    }

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /**
     * Applies an edit. A value the core refuses leaves everything as it was and puts the reason in
     * the status message; returns whether the edit was applied.
     */
    public boolean edit(UnaryOperator<CurveWorkspace> change, String coalesceKey) {
        CurveWorkspace next;
        try {
            next = change.apply(workspace());
        } catch (InvalidParameterException e) {
            message.set(e.getMessage());
            return false;
        }
        if (next.equals(workspace())) {
            return true;
        }
        history.recorded(new State(workspace(), selected.get()), coalesceKey, System.currentTimeMillis());
        workspace.set(next);
        clampSelection();
        dirty.set(true);
        message.set("");
        refreshHistoryFlags();
        return true;
    }

    /** Edits the selected curve; does nothing when none is selected. */
    public boolean editSelected(UnaryOperator<CurveSetup> change, String coalesceKey) {
        int i = selected.get();
        if (selectedCurve() == null) {
            return false;
        }
        return edit(w -> w.update(i, change), coalesceKey == null ? null : coalesceKey + "#" + i);
    }

    public void addCurves(List<CurveSetup> curves) {
        addCurves(curves, null);
    }

    /** Adds curves in one undo step; a preset's Wan2.2 boundary (non-null) becomes the workspace's. */
    public void addCurves(List<CurveSetup> curves, ExpertBoundary boundary) {
        int first = workspace().size();
        if (edit(w -> boundary == null ? w.addedAll(curves) : w.addedAll(curves).withBoundary(boundary), null)) {
            selected.set(first);
        }
    }

    public void undo() {
        if (history.canUndo()) {
            restore(history.undo(new State(workspace(), selected.get())));
        }
    }

    public void redo() {
        if (history.canRedo()) {
            restore(history.redo(new State(workspace(), selected.get())));
        }
    }

    private void restore(State s) {
        workspace.set(s.workspace());
        selected.set(s.selected());
        clampSelection();
        dirty.set(true);
        refreshHistoryFlags();
    }

    /** File ▸ New: the starter workspace, no file, no history. */
    public void reset() {
        replace(CurveWorkspace.starter(), null);
    }

    /** Shows a curve file's workspace once it has been read whole (a file that fails to load never reaches here). */
    public void opened(CurveWorkspace loaded, Path path) {
        replace(loaded, path);
        message.set("Opened " + path.getFileName());
    }

    public void save(Path path) throws IOException {
        CurveFiles.write(path, workspace());
        file.set(path);
        dirty.set(false);
        message.set("Saved " + path.getFileName());
    }

    private void replace(CurveWorkspace w, Path path) {
        history.clear();
        workspace.set(w);
        selected.set(w.size() > 0 ? 0 : -1);
        file.set(path);
        dirty.set(false);
        refreshHistoryFlags();
    }

    private void clampSelection() {
        int size = workspace().size();
        if (selected.get() >= size) {
            selected.set(size - 1);
        } else if (selected.get() < 0 && size > 0) {
            selected.set(0);
        }
    }

    private void refreshHistoryFlags() {
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
    }
}
