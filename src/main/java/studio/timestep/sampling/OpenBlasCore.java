package studio.timestep.sampling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The OpenBLAS kernels ND4J runs on. ND4J M2.1 bundles OpenBLAS 0.3.19, whose run-time CPU
 * detection ({@code driver/others/dynamic.c}) does not know processors newer than it (here an AMD
 * EPYC of family 0x1a, AVX-512): it falls back to "Barcelona" kernels and GEMM runs at a quarter
 * of its rate (measured [640×1536]·[1536×8960]: 73 GFLOP/s against 331 with SkylakeX kernels).
 * OpenBLAS reads {@code OPENBLAS_CORETYPE} once, when the library is opened, so this class puts
 * the core matching the processor's instruction sets into the process environment (setenv(3)
 * through JavaCPP's {@code systems} preset) before anything touches ND4J. A value the user set is
 * kept.
 *
 * <p>No ND4J class may be loaded from here.
 */
public final class OpenBlasCore {
    /** The environment variable OpenBLAS reads ({@code driver/others/dynamic.c}, {@code force_coretype}). */
    public static final String VARIABLE = "OPENBLAS_CORETYPE";

    private static Choice choice;

    private OpenBlasCore() {
    }

    /** What OpenBLAS was told, and why. */
    public record Choice(String core, String reason) {
        public String describe() {
            return core == null ? reason : "core " + core + " (" + reason + ")";
        }
    }

    /**
     * Sets {@code OPENBLAS_CORETYPE} for this processor unless it is set already; call before ND4J
     * loads (later calls return the first answer).
     */
    public static synchronized Choice chooseBeforeNd4jLoads() {
        if (choice == null) {
            choice = choose();
        }
        return choice;
    }

    private static Choice choose() {
        String set = System.getenv(VARIABLE);
        if (set != null && !set.isBlank()) {
            return new Choice(set, "from " + VARIABLE + " in the environment");
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return new Choice(null, "OpenBLAS's own detection (not Linux x86-64)");
        }
        Set<String> flags;
        try {
            flags = cpuFlags(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return new Choice(null, "OpenBLAS's own detection (/proc/cpuinfo unreadable)");
        }
        String core = coreFor(flags);
        if (core == null) {
            return new Choice(null, "OpenBLAS's own detection (no AVX2)");
        }
        String failure = ProcessEnvironment.setIfUnset(VARIABLE, core);
        if (failure != null) {
            return new Choice(null, "OpenBLAS's own detection (" + failure + ")");
        }
        return new Choice(core, "chosen for this processor's " + (core.equals("SkylakeX") ? "AVX-512" : "AVX2"));
    }

    /**
     * The OpenBLAS 0.3.19 core whose single-precision kernels the instruction sets allow: SkylakeX
     * (AVX-512 F/CD/BW/DQ/VL, as OpenBLAS's own {@code support_avx512} requires), Haswell (AVX2 and
     * FMA), else none (OpenBLAS's detection is left alone).
     */
    public static String coreFor(Set<String> flags) {
        if (flags.containsAll(Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"))) {
            return "SkylakeX";
        }
        if (flags.containsAll(Set.of("avx2", "fma"))) {
            return "Haswell";
        }
        return null;
    }

    /** The {@code flags} of the first processor in a {@code /proc/cpuinfo} text. */
    public static Set<String> cpuFlags(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                return Set.copyOf(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
            }
        }
        return Set.of();
    }
}
