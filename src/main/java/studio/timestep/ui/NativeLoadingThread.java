package studio.timestep.ui;

import javafx.scene.text.Text;

/**
 * Starts background work that loads native libraries (ND4J, OpenBLAS) only after JavaFX has
 * loaded its own lazily loaded font libraries. Both sides call dlopen, and a library's
 * constructor that itself calls dlopen (OpenBLAS's JNI wrapper) while the FX thread opens
 * libjavafx_font_pango.so can deadlock inside glibc's loader (seen once under Xvfb: the window
 * froze at the first run; gdb showed the two threads waiting on each other's loader lock).
 * Laying out a text on the FX thread first makes JavaFX open its font libraries there and then.
 */
final class NativeLoadingThread {
    private NativeLoadingThread() {
    }

    /** Call on the FX thread: loads the font libraries, then starts {@code work} on a daemon thread. */
    static void start(String name, Runnable work) {
        new Text("Ag").getLayoutBounds();
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }
}
