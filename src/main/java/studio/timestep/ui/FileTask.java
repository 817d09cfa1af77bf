package studio.timestep.ui;

import java.io.IOException;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import studio.timestep.io.FileFormatException;

/** Reads and writes files on a background thread, so the window never waits on a disk; the outcome comes back on the FX thread. */
final class FileTask {
    /** The writing. */
    @FunctionalInterface
    interface Work {
        void run() throws IOException;
    }

    /** The reading, which may find the file malformed. */
    @FunctionalInterface
    interface Reading<T> {
        T read() throws IOException, FileFormatException;
    }

    private FileTask() {
    }

    static void start(String name, Work work, Runnable succeeded, Consumer<String> failed) {
        read(name, () -> {
            work.run();
            return null;
        }, nothing -> succeeded.run(), failed);
    }

    static <T> void read(String name, Reading<T> reading, Consumer<T> succeeded, Consumer<String> failed) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws IOException, FileFormatException {
                return reading.read();
            }
        };
        task.setOnSucceeded(e -> succeeded.accept(task.getValue()));
        task.setOnFailed(e -> {
            Throwable t = task.getException();
            failed.accept(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        });
        Thread worker = new Thread(task, name);
        worker.setDaemon(true);
        worker.start();
    }
}
