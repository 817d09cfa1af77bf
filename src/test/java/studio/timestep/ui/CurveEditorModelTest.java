package studio.timestep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.timestep.io.CurveFiles;
import studio.timestep.schedule.CurveWorkspace;
import studio.timestep.schedule.ExpertBoundary;
import studio.timestep.schedule.FlowShiftCurve;

class CurveEditorModelTest {
    @TempDir
    Path dir;

    @Test
    void saveAndOpenRoundTripAndClearTheDirtyFlag() throws Exception {
        CurveEditorModel model = new CurveEditorModel();
        model.editSelected(c -> c.withSteps(20), null);
        assertTrue(model.dirtyProperty().get());
        Path file = dir.resolve("curves.json");
        model.save(file);
        assertFalse(model.dirtyProperty().get());
        CurveEditorModel other = new CurveEditorModel();
        other.opened(CurveFiles.read(file), file);
        assertEquals(model.workspace(), other.workspace());
        assertFalse(other.canUndoProperty().get());
    }

    @Test
    void refusedEditsChangeNothingAndSayWhy() {
        CurveEditorModel model = new CurveEditorModel();
        assertFalse(model.editSelected(c -> c.withSteps(0), null));
        assertEquals(CurveWorkspace.starter(), model.workspace());
        assertTrue(model.messageProperty().get().startsWith("steps: must be in [1, 10000]"));
        assertFalse(model.canUndoProperty().get());
    }

    @Test
    void editsWithTheSameKeyUndoTogether() {
        CurveEditorModel model = new CurveEditorModel();
        for (double s = 1; s <= 4; s++) {
            double shift = s;
            model.editSelected(c -> c.withSchedule(new FlowShiftCurve(shift)), "slider-shift");
        }
        model.editSelected(c -> c.withSteps(10), null);
        model.undo();
        assertEquals(new FlowShiftCurve(4), model.selectedCurve().schedule());
        model.undo();
        assertEquals(new FlowShiftCurve(5), model.selectedCurve().schedule());
        assertFalse(model.canUndoProperty().get());
        model.redo();
        assertEquals(new FlowShiftCurve(4), model.selectedCurve().schedule());
    }

    @Test
    void aWan22PresetBringsItsBoundaryInOneUndoStep() throws Exception {
        CurveEditorModel m = new CurveEditorModel();
        CurveWorkspace preset = CurveFiles.read(Path.of("presets/wan22-t2v-a14b.json"));
        assertEquals(new ExpertBoundary(0.875), preset.boundary());
        m.addCurves(preset.curves(), preset.boundary());
        assertEquals(2, m.workspace().size());
        assertEquals(26, m.workspace().boundary().highSteps(m.selectedCurve().grid()), "the official 26 + 14");
        m.undo();
        assertEquals(null, m.workspace().boundary());
        assertEquals(1, m.workspace().size());
    }
}
