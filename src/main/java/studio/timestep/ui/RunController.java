package studio.timestep.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.image.Image;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.model.FramePreview;
import studio.timestep.model.LoadedModel;
import studio.timestep.run.RunJob;
import studio.timestep.run.RunModels;
import studio.timestep.run.RunOutcome;
import studio.timestep.run.RunQueue;
import studio.timestep.sampling.RowEvent;
import studio.timestep.sampling.RowMetrics;

/**
 * Runs jobs of the run layer on a worker thread and hands what they produce to a view on the
 * FX thread: rows coalesced (one hand-over per pulse however fast rows come), preview pictures
 * made on the worker a few times a second, and a typed outcome per run. One queue at a time.
 */
final class RunController {
    /** The preview and the per-frame heatmap are redrawn at most this often while rows stream in. */
    static final long LIVE_REDRAW_NANOS = 150_000_000L;

    /** What the controller tells; every call comes on the FX thread. */
    interface View {
        void runStarted(int index, RunJob job, LoadedModel model);

        /** Rows that arrived since the last call, and seconds since the run started. */
        void rowsArrived(int index, List<RowMetrics> rows, double elapsedSeconds);

        void previewArrived(List<Image> pictures);

        /** The run's frames are being decoded (a VAE): the outcome follows when they are. */
        default void decoding() {
        }

        /** Each row's x0 estimate of a run whose model decodes its frames, with that decoder (before runEnded). */
        default void estimatesKept(int index, List<INDArray> x0, FramePreview decoder) {
        }

        void runEnded(int index, RunJob job, RunOutcome outcome);

        /** The queue stopped: after its last job, or at the first job that did not finish. */
        void queueEnded(RunOutcome last, int runsDone, int jobs);
    }

    private final RunModels models;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private volatile RunQueue queue;
    private final AtomicBoolean workCancelled = new AtomicBoolean();

    /** Other work of the run layer, told how far it got and whether Cancel was pressed. */
    interface Work<T> {
        T run(Consumer<String> progress, BooleanSupplier cancelled);
    }

    RunController(RunModels models) {
        this.models = models;
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    boolean busy() {
        return busy.get();
    }

    RunModels models() {
        return models;
    }

    /** Starts the jobs in the background (call on the FX thread; ignored while a queue runs). */
    void start(List<RunJob> jobs, View view) {
        if (busy.get() || jobs.isEmpty()) {
            return;
        }
        busy.set(true);
        RunQueue q = new RunQueue(models);
        queue = q;
        Thread worker = new Thread(() -> work(q, jobs, view), "sampling-run");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Runs {@code work} on the worker thread, busy meanwhile (Run waits, Cancel asks it to stop);
     * its progress lines, its result or its failure come back on the FX thread.
     */
    <T> void startWork(String name, Work<T> work, Consumer<String> progress, Consumer<T> done, Consumer<String> failed) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        workCancelled.set(false);
        Thread worker = new Thread(() -> {
            Runnable outcome;
            try {
                T result = work.run(line -> Platform.runLater(() -> progress.accept(line)), workCancelled::get);
                outcome = () -> done.accept(result);
            } catch (RuntimeException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                outcome = () -> failed.accept(why);
            }
            Runnable last = outcome;
            Platform.runLater(() -> {
                busy.set(false);
                last.run();
            });
        }, name);
        worker.setDaemon(true);
        worker.start();
    }

    void cancel() {
        workCancelled.set(true);
        RunQueue q = queue;
        if (q != null) {
            q.cancel();
        }
    }

    private void work(RunQueue q, List<RunJob> jobs, View view) {
        Streaming streaming = new Streaming(view);
        List<RunOutcome> outcomes = List.of();
        try {
            outcomes = q.run(jobs, streaming);
        } finally {
            RunOutcome last = outcomes.isEmpty() ? null : outcomes.get(outcomes.size() - 1);
            int done = (int) outcomes.stream().filter(RunOutcome::done).count();
            Platform.runLater(() -> {
                queue = null;
                busy.set(false);
                view.queueEnded(last, done, jobs.size());
            });
        }
    }

    /** Forwards a queue's events to the FX thread, coalesced. */
    private static final class Streaming implements RunQueue.Listener {
        private final View view;
        private final ConcurrentLinkedQueue<RowMetrics> pending = new ConcurrentLinkedQueue<>();
        private final AtomicReference<List<Image>> preview = new AtomicReference<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile int index;
        private volatile long started;
        private long lastPreview;
        private LoadedModel model;
        private List<INDArray> estimates;

        Streaming(View view) {
            this.view = view;
        }

        @Override
        public void started(int index, RunJob job, LoadedModel model) {
            this.index = index;
            this.model = model;
            // a decoded model's estimates are kept for decoding any row on demand (Wan latents are small)
            this.estimates = model.decoded() == null ? null : new ArrayList<>();
            this.started = System.nanoTime();
            onFx(() -> view.runStarted(index, job, model));
        }

        @Override
        public void row(int index, RowEvent e) {
            if (estimates != null) {
                estimates.add(e.x0());
            }
            pending.add(e.metrics());
            // pictures are made here, on the worker, a few times a second: not for every row
            if (System.nanoTime() - lastPreview > LIVE_REDRAW_NANOS) {
                lastPreview = System.nanoTime();
                preview.set(PreviewPictures.of(model.preview(), e.x0()));
            }
            if (scheduled.compareAndSet(false, true)) {
                Platform.runLater(this::flush);
            }
        }

        @Override
        public void ended(int index, RunJob job, RunOutcome outcome) {
            if (outcome.x() != null && outcome.model() != null && outcome.model().decoded() != null) {
                Platform.runLater(view::decoding);
            }
            List<Image> last = outcome.x() == null || outcome.model() == null ? null
                    : PreviewPictures.of(outcome.model().finalFrames(), outcome.x());
            List<INDArray> kept = estimates;
            onFx(() -> {
                flush();
                if (kept != null && outcome.model() != null) {
                    view.estimatesKept(index, kept, outcome.model().decoded());
                }
                if (last != null) {
                    view.previewArrived(last);
                }
                view.runEnded(index, job, outcome);
            });
        }

        /** On the FX thread: hands over the rows and the newest preview that arrived. */
        private void flush() {
            scheduled.set(false);
            List<RowMetrics> batch = new ArrayList<>();
            RowMetrics m;
            while ((m = pending.poll()) != null) {
                batch.add(m);
            }
            if (!batch.isEmpty()) {
                view.rowsArrived(index, batch, (System.nanoTime() - started) / 1e9);
            }
            List<Image> pictures = preview.getAndSet(null);
            if (pictures != null) {
                view.previewArrived(pictures);
            }
        }

        private static void onFx(Runnable work) {
            try {
                FxThread.call(work);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
