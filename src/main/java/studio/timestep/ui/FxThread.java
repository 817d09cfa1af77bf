package studio.timestep.ui;

import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;

/** Runs a piece of work on the FX thread and waits for it (from a worker thread). */
final class FxThread {
    private FxThread() {
    }

    static void call(Runnable work) throws InterruptedException {
        if (Platform.isFxApplicationThread()) {
            work.run();
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                work.run();
            } finally {
                done.countDown();
            }
        });
        done.await();
    }
}
