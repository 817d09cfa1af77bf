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
    void belowTheLimitsNothingIsCollected() {
        long above = Pointer.physicalBytes() + (4L << 30);
        MemoryCeiling ceiling = new MemoryCeiling(above, above);
        assertTrue(ceiling.keepGoing());
        assertEquals(0, ceiling.collections());
    }

    @Test
    void aboveTheLowerLimitFreedMemoryGoesBackToTheKernel() {
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
        MemoryCeiling ceiling = new MemoryCeiling(freedButResident - (100L << 20), freedButResident + (1L << 30));
        assertTrue(ceiling.keepGoing(), "below the upper limit once the freed blocks are given back");
        long after = Pointer.physicalBytes();
        Pointer.free(blocks.get(BLOCKS - 1));
        assertEquals(1, ceiling.collections());
        assertTrue(freedButResident - after > 150L << 20, "resident " + freedButResident + " bytes before, " + after + " after");
    }

    @Test
    void aboveTheUpperLimitWithLiveMemoryTheTrainingShouldStopAndSaysWhy() {
        // first give back what earlier tests left, so that only the live block is above the limits
        new MemoryCeiling(0, Long.MAX_VALUE).keepGoing();
        Pointer live = Pointer.malloc(256L << 20);
        Pointer.memset(live, 1, 256L << 20);
        try {
            long resident = Pointer.physicalBytes();
            MemoryCeiling ceiling = new MemoryCeiling(resident - (200L << 20), resident - (100L << 20));
            assertFalse(ceiling.keepGoing(), "live memory cannot be given back");
            String reason = ceiling.stopReason("run it again");
            assertTrue(reason.contains("checkpoint is kept: run it again"), reason);
        } finally {
            Pointer.free(live);
        }
    }
}
