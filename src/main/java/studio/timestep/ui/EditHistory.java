package studio.timestep.ui;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Undo and redo over immutable states. Edits of one pointer gesture (press → release, keys made
 * by {@link #gestureKey}) merge into one step however long the gesture takes; other edits with
 * the same key that follow each other within {@link #COALESCE_MILLIS} merge too, so a slider or
 * a typed-in field undoes at once.
 */
final class EditHistory<T> {
    static final long COALESCE_MILLIS = 800;
    private static final String GESTURE = "gesture:";

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
        boolean merge = key != null && Objects.equals(key, lastKey) && !undo.isEmpty()
                && (key.startsWith(GESTURE) || nowMillis - lastMillis < COALESCE_MILLIS);
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

    /** The key of every edit of one gesture: {@code gesture} counts the gestures of one kind. */
    static String gestureKey(String kind, int gesture) {
        return GESTURE + kind + "#" + gesture;
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
