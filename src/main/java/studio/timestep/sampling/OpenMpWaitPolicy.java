package studio.timestep.sampling;

import java.util.Locale;

/**
 * How ND4J's idle OpenMP threads wait. libgomp reads {@code OMP_WAIT_POLICY} once, when ND4J's
 * native library loads it; by default a thread that finishes its share of a parallel operation
 * spins for a while before it sleeps. On a machine with few cores the spinning holds the core the
 * Java side needs next — the Wan row kernels (softmax, GELU, norms), the JIT, the window — and
 * OpenBLAS's own threads. Measured on this 2-core machine, builds without and with it interleaved:
 * {@code bench wan-block} 0.285–0.345 → 0.252–0.308 s a block at 640 tokens (five runs each),
 * 2.16–2.20 → 1.95–1.96 s at 4,096 (two each); {@code train} 0.89–1.04 → 1.20–1.29 samples/s;
 * {@code sample} (one ND4J thread) unchanged. So on Linux with at most {@link #FEW_CORES}
 * processors the program asks for {@code passive} before ND4J loads; a value the user set is kept.
 * Larger machines were not measured: there idle cores make spinning cheap and its lower latency
 * may win, so their default stays.
 *
 * <p>No ND4J class may be loaded from here.
 */
public final class OpenMpWaitPolicy {
    /** The environment variable libgomp reads ({@code env.c}, {@code initialize_env}). */
    public static final String VARIABLE = "OMP_WAIT_POLICY";
    static final String PASSIVE = "passive";
    /** Processors up to which idle threads sleep at once. */
    static final int FEW_CORES = 4;

    private static String policy;

    private OpenMpWaitPolicy() {
    }

    /** Sets {@code OMP_WAIT_POLICY} as {@link #sleepsAtOnce} says; call before ND4J loads. Returns what it did, for the status line. */
    public static synchronized String chooseBeforeNd4jLoads() {
        if (policy == null) {
            String set = System.getenv(VARIABLE);
            int cores = Runtime.getRuntime().availableProcessors();
            if (set != null && !set.isBlank()) {
                policy = "OpenMP wait " + set.toLowerCase(Locale.ROOT) + " (from " + VARIABLE + ")";
            } else if (!sleepsAtOnce(cores, System.getProperty("os.name", ""))) {
                policy = "OpenMP's default wait";
            } else {
                String failure = ProcessEnvironment.setIfUnset(VARIABLE, PASSIVE);
                policy = failure == null ? "OpenMP wait " + PASSIVE + " (" + cores + " cores)" : "OpenMP's default wait (" + failure + ")";
            }
        }
        return policy;
    }

    /**
     * Whether idle threads should sleep at once: on Linux with at most {@link #FEW_CORES} processors.
     * Larger machines were not measured; off Linux, ND4J's OpenMP runtime and setenv were not tried.
     */
    static boolean sleepsAtOnce(int processors, String osName) {
        return processors <= FEW_CORES && osName.toLowerCase(Locale.ROOT).contains("linux");
    }
}
