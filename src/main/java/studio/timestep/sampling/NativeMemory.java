package studio.timestep.sampling;

import org.bytedeco.javacpp.Pointer;

/**
 * Keeps native memory flat over runs. ND4J's arrays live outside the Java heap and are freed only
 * when their small Java handles are collected; with ND4J's own periodic System.gc() switched off
 * (it stalls the window every few hundred ms), runs that make little heap garbage let the native
 * garbage grow without bound (`bench runs`: 160 MiB a run, 9.4 GiB after 60 runs). A collection
 * at the end of each run frees a run's garbage while nothing else is allocated, so the next run
 * reuses that memory (flat at about 0.4 GiB over 100 runs: `bench runs`); within a run a
 * collection comes when the process has grown by {@link #IN_RUN_GROWTH_BYTES} since the last one.
 * At a 1 GiB margin a 200-step run of the tiny model reached 1.34 GB resident (0.44 GB at 20 steps)
 * and ran 30 s; at 64 MiB it stays near 0.45 GB and runs 21 s, because reused native memory costs
 * no page faults (`sample --steps 20|200` under /usr/bin/time).
 * The collected memory then stayed with glibc, scattered in its free lists, and resident memory
 * still grew with the rows (row 20 → 200 of `sample --steps 200`: 348 → 613 MB); a
 * {@link GlibcHeap#trim} after each collection holds it flat (289 → 314 MB).
 */
final class NativeMemory {
    static final long IN_RUN_GROWTH_BYTES = 64L << 20;
    private long level;
    private boolean trimPending;

    NativeMemory() {
        level = Pointer.physicalBytes();
    }

    /**
     * Call between rows of a run. The trim comes a row after the collection: ND4J frees the
     * collected arrays' memory on its deallocator thread, after {@code System.gc()} returns.
     */
    void collectIfGrown() {
        if (trimPending) {
            GlibcHeap.trim();
            trimPending = false;
            level = Pointer.physicalBytes();
        }
        long now = Pointer.physicalBytes();
        if (now - level > IN_RUN_GROWTH_BYTES) {
            System.gc();
            trimPending = true;
            level = Pointer.physicalBytes();
        }
    }

    /** Call when a run ends (done, cancelled or stopped). */
    void runEnded() {
        System.gc();
    }
}
