package studio.timestep.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenBlasCoreTest {
    private static final String CPUINFO = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            cpu family\t: 26
            flags\t\t: fpu sse2 avx fma avx2 avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16
            bugs\t\t: sysret_ss_attrs

            processor\t: 1
            flags\t\t: fpu sse2
            """;

    @Test
    void readsTheFirstProcessorsFlags() {
        Set<String> flags = OpenBlasCore.cpuFlags(CPUINFO);
        assertTrue(flags.contains("avx512vl") && flags.contains("fma"), flags.toString());
        assertEquals(11, flags.size());
        assertEquals(Set.of(), OpenBlasCore.cpuFlags("processor : 0\n"));
    }

    @Test
    void picksTheWidestKernelsTheInstructionSetsAllow() {
        assertEquals("SkylakeX", OpenBlasCore.coreFor(OpenBlasCore.cpuFlags(CPUINFO)));
        // AVX-512 F alone (Knights Landing) is not what OpenBLAS's SkylakeX kernels need
        assertEquals("Haswell", OpenBlasCore.coreFor(Set.of("avx2", "fma", "avx512f")));
        assertNull(OpenBlasCore.coreFor(Set.of("avx", "sse4_2")));
    }

    @Test
    void theVariableIsSetOnceTheChoiceIsMade() {
        OpenBlasCore.Choice choice = OpenBlasCore.chooseBeforeNd4jLoads();
        // setenv(3) is invisible to System.getenv (a copy taken at start), so read the C environment
        if (choice.core() != null) {
            assertEquals(choice.core(), org.bytedeco.systems.global.linux.getenv(new org.bytedeco.javacpp.BytePointer(OpenBlasCore.VARIABLE)).getString());
        }
        assertTrue(choice.describe().length() > 10, choice.describe());
    }
}
