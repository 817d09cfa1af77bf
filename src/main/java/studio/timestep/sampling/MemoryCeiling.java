package studio.timestep.sampling;

import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * Limits on the process's resident memory for training, which keeps its freed memory on purpose:
 * {@code train}'s child process tells glibc never to give memory back and to use huge pages (so that
 * each step reuses its memory without page faults, see {@code TrainingChild}). Two trainings here
 * that ran at 8–14 GB resident grew to 24 GB (nearly all of it huge pages, the heap's address space
 * growing from 21 to 35 GB) and were killed by the kernel, losing the steps since their last
 * checkpoint. Called after every step: above the lower limit it collects ND4J's dead arrays, gives
 * ND4J's deallocator thread up to two seconds to free them, and hands glibc's free pages back to the
 * kernel; above the upper limit even then, {@link #overLimit} says the training should stop and keep
 * its checkpoint.
 */
public final class MemoryCeiling {
    /** Shares of the machine's memory: give freed memory back above the first, stop above the second. */
    public static final double COLLECT_SHARE = 0.65;
    public static final double STOP_SHARE = 0.85;
    private static final int WAITS = 20;
    private static final long WAIT_MILLIS = 100;

    private final long collectAbove;
    private final long stopAbove;
    private int collections;
    private long resident;
    private boolean overLimit;

    public MemoryCeiling(long collectAbove, long stopAbove) {
        this.collectAbove = collectAbove;
        this.stopAbove = stopAbove;
    }

    /** The training limits for this machine's physical memory. */
    public static MemoryCeiling forTraining() {
        long total = Pointer.totalPhysicalBytes();
        return new MemoryCeiling((long) (COLLECT_SHARE * total), (long) (STOP_SHARE * total));
    }

    /** Call between steps; afterwards {@link #overLimit} tells whether the training should stop. */
    public void check() {
        resident = Pointer.physicalBytes();
        if (resident <= collectAbove) {
            return;
        }
        collections++;
        System.gc();
        for (int i = 0; i < WAITS && resident > collectAbove; i++) {
            try {
                Thread.sleep(WAIT_MILLIS); // ND4J frees the collected arrays on its deallocator thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            GlibcHeap.trim();
            resident = Pointer.physicalBytes();
        }
        overLimit = resident > stopAbove;
    }

    /** Whether the last check left the process above the upper limit after giving back what it could. */
    public boolean overLimit() {
        return overLimit;
    }

    /** How many times the lower limit was passed. */
    public int collections() {
        return collections;
    }

    /** One sentence on why the training stopped, for the user, ending with how to continue. */
    public String stopReason(String howToContinue) {
        return String.format(Locale.ROOT, "the training stopped because it kept %.1f GB resident, more than %.0f %% of this "
                + "machine's %.1f GB, after giving back what it could; its checkpoint is kept: %s",
                resident / 1e9, STOP_SHARE * 100, Pointer.totalPhysicalBytes() / 1e9, howToContinue);
    }
}
