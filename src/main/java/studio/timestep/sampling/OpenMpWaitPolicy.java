package studio.timestep.sampling;

import java.util.Locale;

/**
 * How ND4J's idle OpenMP threads wait. libgomp reads {@code OMP_WAIT_POLICY} once, when ND4J's
 * native library loads it; by default a thread that finishes its share of a parallel operation
 * spins for a while before it sleeps. On a machine with few cores the spinning holds the core the
 * Java side needs next — the Wan row kernels (softmax, GELU, norms), the JIT, the window — and
 * OpenBLAS's own threads. Measured on this 2-core machine, with the variable set by hand, two runs
 * each: {@code bench wan-block --tokens 640} 0.289–0.355 → 0.251–0.257 s a block (its GEMM 316–319 →
 * 346–349 GFLOP/s); at 4,096 tokens 60–62 → 63–64 % of GEMM; {@code train} 0.89–1.04 → 1.20–1.29
 * samples/s; {@code sample} (one ND4J thread) unchanged. So with at most {@link #FEW_CORES}
 * processors the program asks for {@code passive} before ND4J loads; a value the user set is kept.
 * Larger machines were not measured: there idle cores make spinning cheap and its lower latency
 * may win, so their default stays.
 *
 * <p>No ND4J class may be loaded from here.
 */
public final class OpenMpWaitPolicy {
    /** The environment variable libgomp reads ({@code env.c}, {@code initialize_env}). */
    public static final String VARIABLE = "OMP_WAIT_POLICY";
    /** Processors up to which idle threads sleep at once. */
    static final int FEW_CORES = 4;

    private static String policy;

    private OpenMpWaitPolicy() {
    }

    /** Sets {@code OMP_WAIT_POLICY} as {@link #policyFor} says; call before ND4J loads. Returns what it says for the status line. */
    public static synchronized String chooseBeforeNd4jLoads() {
        if (policy == null) {
            String set = System.getenv(VARIABLE);
            String chosen = policyFor(Runtime.getRuntime().availableProcessors(), set);
            if (chosen == null) {
                policy = "OpenMP's default wait";
            } else if (set != null && !set.isBlank()) {
                policy = "OpenMP wait " + set.toLowerCase(Locale.ROOT) + " (from " + VARIABLE + ")";
            } else {
                String failure = ProcessEnvironment.setIfUnset(VARIABLE, chosen);
                policy = failure == null ? "OpenMP wait passive (" + Runtime.getRuntime().availableProcessors() + " cores)"
                        : "OpenMP's default wait (" + failure + ")";
            }
        }
        return policy;
    }

    /** The policy for {@code processors}: the user's {@code set} value if any, passive on few cores, else none (OpenMP's default). */
    static String policyFor(int processors, String set) {
        if (set != null && !set.isBlank()) {
            return set;
        }
        return processors <= FEW_CORES ? "passive" : null;
    }
}
