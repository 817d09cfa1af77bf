package studio.timestep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class EditHistoryTest {
    @Test
    void oneGestureIsOneUndoStepHoweverSlowItIs() {
        EditHistory<String> h = new EditHistory<>(10);
        h.recorded("a", EditHistory.gestureKey("drag", 1), 0);
        h.recorded("b", EditHistory.gestureKey("drag", 1), 60_000);
        h.recorded("c", EditHistory.gestureKey("drag", 1), 120_000);
        assertEquals("a", h.undo("d"), "the whole drag undoes at once");
        assertFalse(h.canUndo());
    }

    @Test
    void twoGesturesAreTwoStepsHoweverFastTheyFollow() {
        EditHistory<String> h = new EditHistory<>(10);
        h.recorded("a", EditHistory.gestureKey("drag", 1), 0);
        h.recorded("b", EditHistory.gestureKey("drag", 2), 1);
        assertEquals("b", h.undo("c"));
        assertEquals("a", h.undo("b"));
    }

    @Test
    void otherKeysMergeOnlyWithinTheClock() {
        EditHistory<String> h = new EditHistory<>(10);
        h.recorded("a", "slider", 0);
        h.recorded("b", "slider", EditHistory.COALESCE_MILLIS - 1);
        h.recorded("c", "slider", 2 * EditHistory.COALESCE_MILLIS + 5);
        assertEquals("c", h.undo("d"));
        assertEquals("a", h.undo("c"));
        assertFalse(h.canUndo());
    }
}
