package studio.timestep.sampling;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/** Free malloc memory goes back to the kernel when trimmed (the fix for a run's growing resident memory). */
class GlibcHeapTest {
    private static final long BLOCK = 64 << 10;
    private static final int BLOCKS = 3200; // 200 MiB in blocks below glibc's mmap threshold

    @Test
    void freedBlocksStayResidentUntilTrimmed() {
        assumeTrue(GlibcHeap.available(), "not glibc on Linux");
        List<Pointer> blocks = new ArrayList<>();
        for (int i = 0; i < BLOCKS; i++) {
            Pointer p = Pointer.malloc(BLOCK);
            Pointer.memset(p, 1, BLOCK);
            blocks.add(p);
        }
        // the last block stays allocated, so the heap's top cannot shrink on its own when the rest is freed
        for (int i = 0; i < BLOCKS - 1; i++) {
            Pointer.free(blocks.get(i));
        }
        long freedButResident = Pointer.physicalBytes();
        assertTrue(GlibcHeap.trim(), "malloc_trim released nothing");
        long trimmed = Pointer.physicalBytes();
        Pointer.free(blocks.get(BLOCKS - 1));
        assertTrue(freedButResident - trimmed > 150L << 20, "resident " + freedButResident + " bytes before the trim, "
                + trimmed + " after");
    }
}
