package studio.timestep.ui;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Undo and redo over immutable states. Edits with the same key that follow each other within
 * {@link #COALESCE_MILLIS} merge into one step, so a slider drag or a point drag undoes at once.
 */
final class EditHistory<T> {
    static final long COALESCE_MILLIS = 800;

    private final int limit;

    private final Deque<T> undo = new ArrayDeque<>();
    private final Deque<T> redo = new ArrayDeque<>();
    private String lastKey;
    private long lastMillis;

    /** @param limit how many undo steps are kept (fewer for large states such as big plans) */
    EditHistory(int limit) {
        this.limit = limit;
    }

    /** Records that {@code previous} was replaced by an edit with the given key (null: never merges). */
    void recorded(T previous, String key, long nowMillis) {
        boolean merge = key != null && Objects.equals(key, lastKey) && nowMillis - lastMillis < COALESCE_MILLIS
                && !undo.isEmpty();
        if (!merge) {
            undo.push(previous);
            if (undo.size() > limit) {
                undo.removeLast();
            }
        }
        redo.clear();
        lastKey = key;
        lastMillis = nowMillis;
    }

    T undo(T current) {
        lastKey = null;
        redo.push(current);
        return undo.pop();
    }

    T redo(T current) {
        lastKey = null;
        undo.push(current);
        return redo.pop();
    }

    boolean canUndo() {
        return !undo.isEmpty();
    }

    boolean canRedo() {
        return !redo.isEmpty();
    }

    void clear() {
        undo.clear();
        redo.clear();
        lastKey = null;
    }
}
