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

    /** Why the CUDA backend did not run, as ND4J said it while loading (null: not known, or it runs). */
    private static String loadReason;
    private static boolean loaded;

    private CudaStatus() {
    }

    /**
     * Loads ND4J's backend now. In a build with the CUDA backend, ND4J prints a stack trace while it
     * fails over to the CPU (JCublasBackend.isAvailable); that text is kept from the user and its
     * cause becomes the reason {@link Backend#describe} gives. Call before anything else touches ND4J.
     */
    public static synchronized void loadBackend() {
        if (loaded) {
            return;
        }
        loaded = true;
        if (!present(CUDA_BACKEND)) {
            return;
        }
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            org.nd4j.linalg.factory.Nd4j.getBackend();
        } finally {
            System.setErr(err);
        }
        loadReason = said.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("UnsatisfiedLinkError: ") || l.contains("Exception: ")).findFirst()
                .map(l -> l.substring(l.indexOf(": ") + 2).trim())
                // "/root/.javacpp/cache/…/libjnicudart.so: libcuda.so.1: cannot open …": the library that is missing
                .map(r -> r.contains(".so: ") ? r.substring(r.indexOf(".so: ") + 5) : r).orElse(null);
    }

    /** The reason ND4J gave while loading, or null. */
    static synchronized String loadReason() {
        return loadReason;
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

    /** The first line of the deepest cause's message: "Could not initialize class …" hides the library that did not load. */
    private static String firstLine(Throwable t) {
        while (t.getCause() != null && t.getCause() != t && t.getCause().getMessage() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return (m == null || m.isBlank() ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m)).trim();
    }
}
