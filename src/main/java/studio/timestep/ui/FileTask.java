package studio.timestep.ui;

import java.io.IOException;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/** Writes files on a background thread, so the window never waits on a disk; the outcome comes back on the FX thread. */
final class FileTask {
    /** The writing. */
    @FunctionalInterface
    interface Work {
        void run() throws IOException;
    }

    private FileTask() {
    }

    static void start(String name, Work work, Runnable succeeded, Consumer<String> failed) {
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() throws IOException {
                work.run();
                return null;
            }
        };
        task.setOnSucceeded(e -> succeeded.run());
        task.setOnFailed(e -> {
            Throwable t = task.getException();
            failed.accept(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        });
        Thread worker = new Thread(task, name);
        worker.setDaemon(true);
        worker.start();
    }
}
