package studio.timestep.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;

class OpenMpWaitPolicyTest {
    @Test
    void idleThreadsSleepOnFewCoresAndTheUsersChoiceIsKept() {
        assertEquals("passive", OpenMpWaitPolicy.policyFor(2, null));
        assertEquals("passive", OpenMpWaitPolicy.policyFor(OpenMpWaitPolicy.FEW_CORES, " "));
        assertNull(OpenMpWaitPolicy.policyFor(OpenMpWaitPolicy.FEW_CORES + 1, null));
        assertEquals("ACTIVE", OpenMpWaitPolicy.policyFor(2, "ACTIVE"));
        assertEquals("passive", OpenMpWaitPolicy.policyFor(64, "passive"));
    }

    @Test
    void theCEnvironmentHoldsThePolicyOnceChosen() {
        String said = OpenMpWaitPolicy.chooseBeforeNd4jLoads();
        String expected = OpenMpWaitPolicy.policyFor(Runtime.getRuntime().availableProcessors(), System.getenv(OpenMpWaitPolicy.VARIABLE));
        // setenv(3) is invisible to System.getenv (a copy taken at start), so read the C environment
        BytePointer value = org.bytedeco.systems.global.linux.getenv(new BytePointer(OpenMpWaitPolicy.VARIABLE));
        if (expected == null) {
            assertTrue(value == null || value.isNull(), "left unset on many cores");
            assertTrue(said.startsWith("OpenMP's default"), said);
        } else {
            assertEquals(expected, value.getString());
            assertTrue(said.contains(expected.toLowerCase(java.util.Locale.ROOT)), said);
        }
    }
}
