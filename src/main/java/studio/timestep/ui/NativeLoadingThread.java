package studio.timestep.ui;

import javafx.animation.AnimationTimer;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.text.Text;
import javafx.stage.Window;

/**
 * Starts background work that loads native libraries (ND4J, OpenBLAS) once the window has drawn
 * its first frames: loading ND4J's ~700 classes and natives competes with building and showing the
 * window on a 2-core machine, and the window should come first.
 *
 * <p>It also waits for JavaFX's own lazily loaded font libraries: both sides call dlopen, and a
 * library's constructor that itself calls dlopen (OpenBLAS's JNI wrapper) while the FX thread opens
 * libjavafx_font_pango.so can deadlock inside glibc's loader (seen once under Xvfb: the window
 * froze at the first run; gdb showed the two threads waiting on each other's loader lock).
 * Laying out a text on the FX thread first makes JavaFX open its font libraries there and then.
 */
final class NativeLoadingThread {
    /** Frames drawn after the window shows before the work starts. */
    private static final int FRAMES_FIRST = 2;

    private NativeLoadingThread() {
    }

    /**
     * Call on the FX thread: once {@code owner}'s window is showing and has drawn its first frames,
     * loads the font libraries and starts {@code work} on a daemon thread.
     */
    static void startWhenShown(Node owner, String name, Runnable work) {
        Runnable launch = () -> afterFrames(() -> start(name, work));
        ChangeListener<Boolean> showing = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean is) {
                if (is) {
                    o.removeListener(this);
                    launch.run();
                }
            }
        };
        ChangeListener<Window> window = (o, old, w) -> {
            if (w != null) {
                if (w.isShowing()) {
                    launch.run();
                } else {
                    w.showingProperty().addListener(showing);
                }
            }
        };
        ChangeListener<Scene> scene = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Scene> o, Scene old, Scene s) {
                if (s != null) {
                    o.removeListener(this);
                    s.windowProperty().addListener(window);
                    window.changed(s.windowProperty(), null, s.getWindow());
                }
            }
        };
        owner.sceneProperty().addListener(scene);
        scene.changed(owner.sceneProperty(), null, owner.getScene());
    }

    private static void afterFrames(Runnable then) {
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames >= FRAMES_FIRST) {
                    stop();
                    then.run();
                }
            }
        }.start();
    }

    private static void start(String name, Runnable work) {
        new Text("Ag").getLayoutBounds();
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }
}
