package studio.timestep.sampling;

import org.nd4j.linalg.factory.Nd4j;

/** Which ND4J backend runs the math, and how many threads a run gives it. */
public final class Backend {
    private Backend() {
    }

    /**
     * The backend in one phrase: "CUDA (nd4j-cuda-11.6)", "CPU (nd4j-native, OpenBLAS core …)", or, in a
     * build that carries the CUDA backend but runs on the CPU, "CUDA backend unavailable: reason;
     * running on CPU (…)".
     */
    public static String describe() {
        CudaStatus.loadBackend();
        return describe(Nd4j.getBackend().getClass().getName(), CudaStatus.CUDA_BACKEND);
    }

    static String describe(String running, String cudaBackend) {
        if (running.equals(cudaBackend)) {
            return "CUDA (nd4j-cuda-11.6)";
        }
        String cpu = "CPU (nd4j-native, OpenBLAS " + OpenBlasCore.chooseBeforeNd4jLoads().describe() + ", "
                + OpenMpWaitPolicy.chooseBeforeNd4jLoads() + ")";
        if (!CudaStatus.present(cudaBackend)) {
            return cpu;
        }
        String reason = CudaStatus.loadReason() != null && cudaBackend.equals(CudaStatus.CUDA_BACKEND) ? CudaStatus.loadReason()
                : CudaStatus.unavailableReason(cudaBackend);
        return "CUDA backend unavailable: " + (reason == null ? "ND4J chose the CPU backend" : reason) + "; running on " + cpu;
    }

    /**
     * Threads a sampling run gives ND4J and BLAS: all cores but one, which stays with the window,
     * the garbage collector and the JIT. On a 2-core machine this also made the embedded model's
     * runs faster (50 → 75 rows/s: ND4J's and OpenBLAS's thread pools stopped competing) and the
     * window's worst frame gap 53–70 → 34–37 ms.
     */
    public static int runThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** Limits ND4J's and BLAS's threads until closed, then restores what they were. */
    public static ThreadLimit limitThreads(int threads) {
        return new ThreadLimit(threads);
    }

    /** A limit on ND4J's threads; closing it restores the previous settings. */
    public static final class ThreadLimit implements AutoCloseable {
        private final int maxThreads = Nd4j.getEnvironment().maxThreads();
        private final int masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        private final int blasThreads = Nd4j.factory().blas().getMaxThreads();

        private ThreadLimit(int threads) {
            set(threads, threads, threads);
        }

        private static void set(int max, int master, int blas) {
            Nd4j.getEnvironment().setMaxThreads(max);
            Nd4j.getEnvironment().setMaxMasterThreads(master);
            Nd4j.factory().blas().setMaxThreads(blas);
        }

        @Override
        public void close() {
            set(maxThreads, masterThreads, blasThreads);
        }
    }
}
