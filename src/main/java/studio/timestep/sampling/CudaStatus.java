package studio.timestep.sampling;

import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * Why ND4J runs on the CPU in a build that also carries its CUDA backend (the {@code cuda} Maven
 * profile): ND4J takes the backend of highest priority that says it is available and falls back
 * to the next, without saying why. This asks the CUDA backend itself, so the user reads the
 * reason (no driver, no device, a library that does not load) rather than a silent CPU run.
 */
public final class CudaStatus {
    /** ND4J's CUDA backend class (nd4j-cuda-11.6). */
    public static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    private CudaStatus() {
    }

    /**
     * Null when {@code backendClass} is not on the class path (a CPU-only build); otherwise why it
     * cannot run here, or null when it can.
     */
    static String unavailableReason(String backendClass) {
        Class<?> c;
        try {
            c = Class.forName(backendClass);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        try {
            Nd4jBackend backend = (Nd4jBackend) c.getDeclaredConstructor().newInstance();
            if (!backend.canRun()) {
                return "no CUDA driver or device found";
            }
            return backend.isAvailable() ? null : "its native library does not load on this machine";
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return firstLine(cause);
        } catch (Exception | LinkageError e) {
            return firstLine(e);
        }
    }

    /** Whether {@code backendClass} is on the class path at all. */
    static boolean present(String backendClass) {
        try {
            Class.forName(backendClass, false, CudaStatus.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage();
        return (m == null || m.isBlank() ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m)).trim();
    }
}
