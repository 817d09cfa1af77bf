package studio.timestep.ui;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.plan.PlanProblem;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.PlanValidator;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.schedule.SigmaGrid;

/**
 * The plan being edited: the plan itself, the template and parameters it came from, the base
 * grid (the curve workspace's selected curve), selected frames, the model's window limit, the
 * validator's problems, and undo/redo over all of it.
 */
public final class PlanEditorModel {
    /** What one undo step restores. */
    record State(TimestepPlan plan, PlanTemplate template, Map<String, Object> values, boolean fromTemplate) {
    }

    private final ObjectProperty<State> state = new SimpleObjectProperty<>();
    private final ObservableList<PlanProblem> problems = FXCollections.observableArrayList();
    private final ObservableSet<Integer> selectedFrames = FXCollections.observableSet();
    private final IntegerProperty maxWindow = new SimpleIntegerProperty(0);
    private final BooleanProperty canUndo = new SimpleBooleanProperty();
    private final BooleanProperty canRedo = new SimpleBooleanProperty();
    private final EditHistory<State> history = new EditHistory<>(40);
    private final Supplier<SigmaGrid> baseGrid;
    private final StringProperty message;

    public PlanEditorModel(Supplier<SigmaGrid> baseGrid, StringProperty message) {
        this.baseGrid = baseGrid;
        this.message = message;
        state.set(new State(PlanTemplate.T2V.build(Map.of(), baseGrid.get()), PlanTemplate.T2V, Map.of(), true));
        state.addListener((o, a, b) -> validate());
        maxWindow.addListener((o, a, b) -> validate());
        validate();
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    public TimestepPlan plan() {
        return state.get().plan();
    }

    public PlanTemplate template() {
        return state.get().template();
    }

    public Map<String, Object> templateValues() {
        return state.get().values();
    }

    public ObservableList<PlanProblem> problems() {
        return problems;
    }

    public ObservableSet<Integer> selectedFrames() {
        return selectedFrames;
    }

    public IntegerProperty maxWindowProperty() {
        return maxWindow;
    }

    public BooleanProperty canUndoProperty() {
        return canUndo;
    }

    public BooleanProperty canRedoProperty() {
        return canRedo;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** Builds the template with the given parameters on the current base grid; refused values change nothing. */
    public boolean useTemplate(PlanTemplate template, Map<String, Object> values, String coalesceKey) {
        try {
            TimestepPlan plan = template.build(values, baseGrid.get());
            set(new State(plan, template, Map.copyOf(values), true), coalesceKey);
            message.set(template.id() + ": " + plan.rows() + " rows × " + plan.frames() + " frames");
            return true;
        } catch (InvalidParameterException e) {
            message.set(template.id() + ": " + e.getMessage());
            return false;
        }
    }

    /** Sets one template parameter and rebuilds. */
    public boolean setTemplateValue(String key, Object value) {
        Map<String, Object> values = new LinkedHashMap<>(templateValues());
        values.put(key, value);
        return useTemplate(template(), values, "template-" + key);
    }

    /** Rebuilds the current template on the (possibly changed) base grid. */
    public boolean rebuild() {
        return useTemplate(template(), templateValues(), null);
    }

    /**
     * The base curve changed: a plan still as its template made it follows the new grid (not an
     * undo step of its own); a hand-edited or loaded plan stays as it is.
     */
    public void baseChanged() {
        if (!state.get().fromTemplate()) {
            return;
        }
        try {
            TimestepPlan plan = template().build(templateValues(), baseGrid.get());
            state.set(new State(plan, template(), templateValues(), true));
        } catch (InvalidParameterException e) {
            message.set("The plan keeps its old base: " + template().id() + " " + e.getMessage());
        }
    }

    /** Applies a hand edit to the plan. */
    public void edit(UnaryOperator<TimestepPlan> change, String coalesceKey) {
        try {
            TimestepPlan next = change.apply(plan());
            if (!next.equals(plan())) {
                set(new State(next, template(), templateValues(), false), coalesceKey);
            }
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
        }
    }

    public void undo() {
        if (history.canUndo()) {
            state.set(history.undo(state.get()));
            flags();
        }
    }

    public void redo() {
        if (history.canRedo()) {
            state.set(history.redo(state.get()));
            flags();
        }
    }

    /** Shows a plan file's plan once it has been read whole (a file that fails to load never reaches here). */
    public void opened(TimestepPlan plan, Path file) {
        set(new State(plan, template(), templateValues(), false), null);
        message.set("Opened plan " + file.getFileName() + " (" + plan.rows() + " rows × " + plan.frames() + " frames)");
    }

    public void saved(Path file) {
        message.set("Saved plan " + file.getFileName());
    }

    private void set(State next, String coalesceKey) {
        history.recorded(state.get(), coalesceKey, System.currentTimeMillis());
        selectedFrames.removeIf(f -> f >= next.plan().frames());
        state.set(next);
        flags();
    }

    private void flags() {
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
    }

    private void validate() {
        List<PlanProblem> found = PlanValidator.validate(plan(), maxWindow.get());
        problems.setAll(found);
    }
}
