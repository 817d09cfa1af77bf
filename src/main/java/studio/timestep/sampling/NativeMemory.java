package studio.timestep.sampling;

import org.bytedeco.javacpp.Pointer;

/**
 * Keeps native memory flat over runs. ND4J's arrays live outside the Java heap and are freed only
 * when their small Java handles are collected; with ND4J's own periodic System.gc() switched off
 * (it stalls the window every few hundred ms), runs that make little heap garbage let the native
 * garbage grow without bound (`bench runs`: 160 MiB a run, 9.4 GiB after 60 runs). A collection
 * comes, between rows or when a run ends, once the process has grown by {@link #GROWTH_BYTES}
 * since the last one (`bench runs --model exact`: 214–291 MiB after every tenth of 100 runs, no
 * trend). A collection at the end of every run, as before, cost a one-frame exact-clips run of 50
 * rows about 40 % of its time.
 * At a 1 GiB margin a 200-step run of the tiny model reached 1.34 GB resident (0.44 GB at 20 steps)
 * and ran 30 s; at 64 MiB it stays near 0.45 GB and runs 21 s, because reused native memory costs
 * no page faults (`sample --steps 20|200` under /usr/bin/time).
 * The collected memory then stayed with glibc, scattered in its free lists, and resident memory
 * still grew with the rows (row 20 → 200 of `sample --steps 200`: 348 → 613 MB); a
 * {@link GlibcHeap#trim} after each collection holds it flat (289 → 314 MB).
 */
final class NativeMemory {
    static final long GROWTH_BYTES = 64L << 20;
    /** Resident bytes after the last collection (at first, when the first run began): across runs. */
    private static long level = -1;
    private boolean trimPending;

    NativeMemory() {
        synchronized (NativeMemory.class) {
            if (level < 0) {
                level = Pointer.physicalBytes();
            }
        }
    }

    /**
     * Call between rows of a run. The trim comes a row after the collection: ND4J frees the
     * collected arrays' memory on its deallocator thread, after {@code System.gc()} returns.
     */
    void collectIfGrown() {
        if (trimPending) {
            GlibcHeap.trim();
            trimPending = false;
            remember();
        }
        if (collectIfGrownSinceTheLast()) {
            trimPending = true;
        }
    }

    /** Call when a run ends (done, cancelled or stopped). */
    void runEnded() {
        collectIfGrownSinceTheLast();
    }

    private static synchronized boolean collectIfGrownSinceTheLast() {
        if (Pointer.physicalBytes() - level <= GROWTH_BYTES) {
            return false;
        }
        System.gc();
        remember();
        return true;
    }

    private static synchronized void remember() {
        level = Pointer.physicalBytes();
    }
}
