package studio.timestep.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.common.io.Resource;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * The status line when the CUDA backend is on the class path but cannot run (stand-ins for ND4J's
 * JCublasBackend: this machine has no GPU and the default build no CUDA jar).
 */
class BackendFallbackTest {
    static final String CPU = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";

    /** A CUDA backend whose native library does not load, as on a machine without the NVIDIA driver. */
    public static final class NoDriver extends Stub {
        @Override
        public boolean isAvailable() {
            throw new UnsatisfiedLinkError("libcuda.so.1: cannot open shared object file: No such file or directory");
        }
    }

    /** A CUDA backend that finds no device. */
    public static final class NoDevice extends Stub {
        @Override
        public boolean canRun() {
            return false;
        }
    }

    @Test
    void aBuildWithTheCudaBackendThatCannotRunItSaysWhyAndRunsOnTheCpu() {
        String noDriver = Backend.describe(CPU, NoDriver.class.getName());
        assertTrue(noDriver.startsWith("CUDA backend unavailable: libcuda.so.1: cannot open shared object file: No such file or "
                + "directory; running on CPU (nd4j-native, OpenBLAS core "), noDriver);
        assertTrue(Backend.describe(CPU, NoDevice.class.getName())
                .startsWith("CUDA backend unavailable: no CUDA driver or device found; running on CPU"));
        assertEquals("CUDA (nd4j-cuda-11.6)", Backend.describe(NoDriver.class.getName(), NoDriver.class.getName()));
        // the default build carries no CUDA backend: the CPU alone, said plainly
        assertTrue(Backend.describe().startsWith("CPU (nd4j-native, OpenBLAS core "), Backend.describe());
        assertTrue(Backend.describe(CPU, "no.such.CudaBackend").startsWith("CPU (nd4j-native"));
    }

    abstract static class Stub extends Nd4jBackend {
        @Override
        public boolean allowsOrder() {
            return true;
        }

        @Override
        public int getPriority() {
            return 0;
        }

        @Override
        public boolean isAvailable() {
            return false;
        }

        @Override
        public boolean canRun() {
            return true;
        }

        @Override
        public Resource getConfigurationResource() {
            return null;
        }

        @Override
        public Class getNDArrayClass() {
            return null;
        }

        @Override
        public Environment getEnvironment() {
            return null;
        }

        @Override
        public String buildInfo() {
            return "";
        }

        @Override
        public void logBackendInit() {
        }
    }
}
