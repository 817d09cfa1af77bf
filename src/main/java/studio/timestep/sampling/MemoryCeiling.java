package studio.timestep.sampling;

import org.bytedeco.javacpp.Pointer;

/**
 * A ceiling on the process's resident memory for long work that keeps its freed memory on purpose:
 * {@code train}'s child process tells glibc never to give memory back (so that each step reuses it
 * without page faults, see {@code TrainingProcess}), and one training that ran at 8–14 GB resident
 * reached 24 GB after 54 minutes and was killed by the kernel on this 24 GB machine. Called once per step: above the ceiling it collects ND4J's dead arrays and, on the next
 * call (ND4J frees them on its deallocator thread after {@code System.gc()} returns), hands glibc's
 * free pages back to the kernel. The step after that pays its page faults once again.
 */
public final class MemoryCeiling {
    /** The share of the machine's memory a training may keep resident before it gives freed memory back. */
    public static final double TRAINING_SHARE = 0.65;

    private final long ceilingBytes;
    private boolean trimPending;
    private int collections;

    public MemoryCeiling(long ceilingBytes) {
        this.ceilingBytes = ceilingBytes;
    }

    /** A ceiling at {@code share} of the machine's physical memory. */
    public static MemoryCeiling ofPhysicalMemory(double share) {
        return new MemoryCeiling((long) (share * Pointer.totalPhysicalBytes()));
    }

    /** Call between steps; true when this call collected. */
    public boolean collectIfAbove() {
        if (trimPending) {
            GlibcHeap.trim();
            trimPending = false;
        }
        if (Pointer.physicalBytes() <= ceilingBytes) {
            return false;
        }
        System.gc();
        trimPending = true;
        collections++;
        return true;
    }

    /** How many times the ceiling was passed. */
    public int collections() {
        return collections;
    }
}
