package studio.timestep.sampling;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;

/**
 * glibc's {@code malloc_trim(3)}: hands the free pages of every malloc arena back to the kernel.
 * ND4J's native buffers are malloc'd; when the garbage collector frees them, glibc keeps the
 * memory in its free lists, scattered among live blocks and over several arenas, and a long run's
 * resident memory grew with its rows although its live memory did not. Elsewhere than Linux
 * (or with another C library) {@link #trim} does nothing.
 */
final class GlibcHeap {
    interface C extends Library {
        int malloc_trim(long pad);
    }

    private static final C LIBC = load();

    private GlibcHeap() {
    }

    private static C load() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        try {
            return Native.loadLibrary("c", C.class);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** Whether trimming is available here. */
    static boolean available() {
        return LIBC != null;
    }

    /** Returns free heap memory to the kernel; true when some was released. */
    static boolean trim() {
        if (LIBC == null) {
            return false;
        }
        try {
            return LIBC.malloc_trim(0) == 1;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }
}
