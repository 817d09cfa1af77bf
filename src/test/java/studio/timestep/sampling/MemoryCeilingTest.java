package studio.timestep.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

class MemoryCeilingTest {
    private static final long BLOCK = 64 << 10;
    private static final int BLOCKS = 3200; // 200 MiB in blocks below glibc's mmap threshold

    @Test
    void belowTheCeilingNothingIsCollected() {
        MemoryCeiling ceiling = new MemoryCeiling(Pointer.physicalBytes() + (4L << 30));
        assertFalse(ceiling.collectIfAbove());
        assertEquals(0, ceiling.collections());
    }

    @Test
    void aboveTheCeilingFreedMemoryGoesBackToTheKernelOnTheNextCall() {
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
        MemoryCeiling ceiling = new MemoryCeiling(freedButResident - (100L << 20));
        assertTrue(ceiling.collectIfAbove(), "above its ceiling");
        ceiling.collectIfAbove();
        long after = Pointer.physicalBytes();
        Pointer.free(blocks.get(BLOCKS - 1));
        assertTrue(freedButResident - after > 150L << 20, "resident " + freedButResident + " bytes before, " + after + " after");
        assertEquals(1, ceiling.collections(), "the second call finds the process below its ceiling");
    }
}
