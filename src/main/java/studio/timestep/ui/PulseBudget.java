package studio.timestep.ui;

/**
 * One costly redraw per animation pulse while a run streams: a pane that redrew something heavy
 * (the per-frame heatmap, the preview) spends the pulse, and the charts skip their redraw in the
 * next one, so no pulse does two costly things (measured: the worst frame gap halves).
 */
final class PulseBudget {
    private boolean spent;

    void spend() {
        spent = true;
    }

    /** Whether the pulse was spent; resets it. */
    boolean consume() {
        boolean s = spent;
        spent = false;
        return s;
    }
}
