package studio.timestep.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

class MemoryCeilingTest {
    @Test
    void belowTheLimitsNothingIsCollected() {
        long above = Pointer.physicalBytes() + (4L << 30);
        MemoryCeiling ceiling = new MemoryCeiling(above, above);
        ceiling.check();
        assertFalse(ceiling.overLimit());
        assertEquals(0, ceiling.collections());
    }

    @Test
    void aboveTheLowerLimitFreedMemoryGoesBackToTheKernel() {
        assumeTrue(GlibcHeap.available(), "not glibc on Linux");
        long freedButResident;
        long after;
        MemoryCeiling ceiling;
        try (FreedBlocks blocks = new FreedBlocks()) {
            freedButResident = Pointer.physicalBytes();
            ceiling = new MemoryCeiling(freedButResident - (100L << 20), freedButResident + (1L << 30));
            ceiling.check();
            after = Pointer.physicalBytes();
        }
        assertFalse(ceiling.overLimit(), "below the upper limit once the freed blocks are given back");
        assertEquals(1, ceiling.collections());
        assertTrue(freedButResident - after > 150L << 20, "resident " + freedButResident + " bytes before, " + after + " after");
    }

    @Test
    void aboveTheUpperLimitWithLiveMemoryTheTrainingShouldStopAndSaysWhy() {
        // first give back what earlier tests left; the limits are set from the size after that and well
        // below the live block, since ND4J frees collected arrays on its own thread, later (runs collect only
        // every 64 MiB of growth, so more of the suite's garbage may be freed during the check below)
        new MemoryCeiling(0, Long.MAX_VALUE).check();
        long before = Pointer.physicalBytes();
        long size = 512L << 20;
        Pointer live = Pointer.malloc(size);
        Pointer.memset(live, 1, size);
        try {
            MemoryCeiling ceiling = new MemoryCeiling(before + size / 4, before + size / 2);
            ceiling.check();
            assertTrue(ceiling.overLimit(), "live memory cannot be given back");
            String reason = ceiling.stopReason("run it again");
            assertTrue(reason.contains("checkpoint is kept: run it again"), reason);
        } finally {
            Pointer.free(live);
        }
    }
}
