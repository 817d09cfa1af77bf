package studio.timestep.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;

class OpenMpWaitPolicyTest {
    @Test
    void idleThreadsSleepAtOnceOnFewCoresUnderLinuxOnly() {
        assertTrue(OpenMpWaitPolicy.sleepsAtOnce(2, "Linux"));
        assertTrue(OpenMpWaitPolicy.sleepsAtOnce(OpenMpWaitPolicy.FEW_CORES, "Linux"));
        assertFalse(OpenMpWaitPolicy.sleepsAtOnce(OpenMpWaitPolicy.FEW_CORES + 1, "Linux"));
        assertFalse(OpenMpWaitPolicy.sleepsAtOnce(2, "Mac OS X"));
        assertFalse(OpenMpWaitPolicy.sleepsAtOnce(2, "Windows 11"));
    }

    @Test
    void theCEnvironmentHoldsThePolicyOnceChosen() {
        String said = OpenMpWaitPolicy.chooseBeforeNd4jLoads();
        String set = System.getenv(OpenMpWaitPolicy.VARIABLE);
        boolean userSet = set != null && !set.isBlank();
        String expected = userSet ? set : OpenMpWaitPolicy.sleepsAtOnce(Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name")) ? OpenMpWaitPolicy.PASSIVE : null;
        // setenv(3) is invisible to System.getenv (a copy taken at start), so read the C environment
        BytePointer value = org.bytedeco.systems.global.linux.getenv(new BytePointer(OpenMpWaitPolicy.VARIABLE));
        if (expected == null) {
            assertTrue(value == null || value.isNull(), "left unset");
            assertTrue(said.startsWith("OpenMP's default"), said);
        } else {
            assertEquals(expected, value.getString());
            assertTrue(said.contains(expected.toLowerCase(java.util.Locale.ROOT)), said);
        }
    }
}
