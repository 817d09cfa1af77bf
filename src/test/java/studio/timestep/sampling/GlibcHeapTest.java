package studio.timestep.sampling;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/** Free malloc memory goes back to the kernel when trimmed (the fix for a run's growing resident memory). */
class GlibcHeapTest {
    @Test
    void freedBlocksStayResidentUntilTrimmed() {
        assumeTrue(GlibcHeap.available(), "not glibc on Linux");
        long freedButResident;
        long trimmed;
        try (FreedBlocks blocks = new FreedBlocks()) {
            freedButResident = Pointer.physicalBytes();
            assertTrue(GlibcHeap.trim(), "malloc_trim released nothing");
            trimmed = Pointer.physicalBytes();
        }
        assertTrue(freedButResident - trimmed > 150L << 20, "resident " + freedButResident + " bytes before the trim, "
                + trimmed + " after");
    }
}
