package studio.timestep.ui;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import studio.timestep.io.AtomicFiles;
import studio.timestep.model.FramePreview;
import studio.timestep.model.LoadedModel;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.report.RunMetricsCsv;
import studio.timestep.run.PlanOrigin;
import studio.timestep.run.RunException;
import studio.timestep.run.RunJob;
import studio.timestep.run.RunModels;
import studio.timestep.run.RunOutcome;
import studio.timestep.run.RunRequest;
import studio.timestep.sampling.RowMetrics;

/**
 * The Run tab: the form on the left, the L1 panels and the per-frame heatmap in the middle, the
 * preview below. Run samples the Plan tab's plan (built on the selected curve); a sweep runs the
 * seeds' grid. Both go through the run layer, as the command line does, on a worker thread
 * ({@link RunController}); earlier runs stay overlaid until cleared.
 */
final class RunPanel extends BorderPane implements RunController.View {
    private final Supplier<TimestepPlan> plan;
    private final Supplier<PlanOrigin> origin;
    private final StringProperty message;
    private final RunController controller = new RunController(new RunModels());
    private final PulseBudget budget = new PulseBudget();
    private final RunSettingsForm form;
    private final RunChartsPane charts = new RunChartsPane(budget, controller.busyProperty());
    private final PreviewPane preview;
    private final SweepPane sweep = new SweepPane();
    private final Label what = new Label();
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label("Idle");
    /** The series each job of the current queue streams into. */
    private final List<Integer> seriesOfJob = new ArrayList<>();
    private int queueSize;
    private boolean queueIsSweep;
    /** The newest sweep's runs, for its CSV: swept columns and rows, in job order. */
    private final List<Map<String, String>> sweepColumns = new ArrayList<>();
    private final List<List<RowMetrics>> sweepRuns = new ArrayList<>();

    RunPanel(Supplier<TimestepPlan> plan, Supplier<PlanOrigin> origin, StringProperty message) {
        this.plan = plan;
        this.origin = origin;
        this.message = message;
        this.form = new RunSettingsForm(message, controller.models(), this::refresh);
        this.preview = new PreviewPane(message);
        setId("runPanel");
        setLeft(settingsColumn());
        setCenter(charts);
        setBottom(preview);
        warmUp();
    }

    /**
     * Loads ND4J's natives and the picture conversion in the background at start-up, so the first
     * run does not stall the window (measured: a 300 ms first frame gap without it).
     */
    private static void warmUp() {
        NativeLoadingThread.start("run-warm-up", () -> {
            try {
                PreviewPictures.of(FramePreview.PIXELS, Nd4j.zeros(DataType.FLOAT, 1, 3, 8, 8));
            } catch (RuntimeException | LinkageError e) {
                // the first run will report whatever is wrong
            }
        });
    }

    private ScrollPane settingsColumn() {
        run.setId("runButton");
        run.setDefaultButton(true);
        run.setOnAction(e -> start());
        cancel.setId("cancelButton");
        cancel.setOnAction(e -> controller.cancel());
        run.disableProperty().bind(controller.busyProperty());
        cancel.disableProperty().bind(controller.busyProperty().not());
        sweep.run.disableProperty().bind(controller.busyProperty());
        sweep.run.setOnAction(e -> startSweep());
        sweep.save.setOnAction(e -> saveSweep());
        progress.setId("runProgress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progressText.setId("runProgressText");
        what.setWrapText(true);
        what.setId("runWhat");
        refresh();
        VBox box = new VBox(8, heading("Run"), what, form.settingsGrid(), new HBox(6, run, cancel), progress, progressText,
                heading("Model"), form.modelSection(), heading("Sweep"), sweep);
        box.setPadding(new Insets(8));
        box.setPrefWidth(290);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("pane-heading");
        return l;
    }

    /** Says what Run will sample: the current plan, base curve and model. */
    void refresh() {
        boolean wan = form.wan();
        PlanOrigin o = origin.get();
        String base = o.base() == null ? "its own grid" : o.base().schedule().label() + ", " + o.base().steps() + " steps";
        what.setText("Samples the Plan tab's plan (" + o.template() + ", " + plan.get().rows() + " rows × " + plan.get().frames()
                + (wan ? " latent frames" : " frames") + ") on " + base + ", with " + form.summary() + ".");
        preview.setCaption(wan ? "Latent preview: Wan2.1 RGB projection of the latents, not a VAE decode "
                + "(x0 estimate while running, then the final latents)"
                : "Preview (x0 estimate while running, then the final frames)");
    }

    /** Starts a run of the current plan in the background. */
    void start() {
        try {
            RunRequest request = new RunRequest(plan.get(), origin.get(), form.modelSource(), form.settings());
            launch(List.of(RunJob.single(request)), false);
        } catch (IllegalArgumentException | RunException e) {
            message.set("Cannot run: " + e.getMessage());
        }
    }

    /** Runs every combination of the sweep lists in sequence, one series each. */
    void startSweep() {
        try {
            launch(sweep.jobs(form.modelSource(), form.settings()), true);
        } catch (IllegalArgumentException | RunException e) {
            message.set("Cannot run the sweep: " + e.getMessage());
        }
    }

    private void launch(List<RunJob> jobs, boolean isSweep) {
        seriesOfJob.clear();
        queueSize = jobs.size();
        queueIsSweep = isSweep;
        if (isSweep) {
            sweepColumns.clear();
            sweepRuns.clear();
        }
        progress.setProgress(0);
        charts.setStreaming(true);
        controller.start(jobs, this);
    }

    @Override
    public void runStarted(int index, RunJob job, LoadedModel model) {
        seriesOfJob.add(charts.start(job.request().traits()));
        if (queueIsSweep) {
            sweepColumns.add(job.columns());
            sweepRuns.add(new ArrayList<>());
        }
    }

    @Override
    public void rowsArrived(int index, List<RowMetrics> rows, double elapsedSeconds) {
        charts.add(seriesOfJob.get(index), rows);
        if (queueIsSweep) {
            sweepRuns.get(index).addAll(rows);
        }
        RowMetrics last = rows.get(rows.size() - 1);
        double done = (last.row() + 1) / (double) last.rows();
        progress.setProgress(done);
        progressText.setText(String.format(Locale.ROOT, "%srow %d / %d, about %.1f s left", prefix(index), last.row() + 1,
                last.rows(), elapsedSeconds / done - elapsedSeconds));
    }

    private String prefix(int index) {
        return queueSize > 1 ? "run " + (index + 1) + "/" + queueSize + ": " : "";
    }

    @Override
    public void previewArrived(List<Image> pictures) {
        preview.show(pictures);
        budget.spend();
    }

    @Override
    public void runEnded(int index, RunJob job, RunOutcome outcome) {
        if (outcome.x() != null && outcome.model() != null) {
            preview.setFrames(outcome.x(), outcome.model().preview());
        }
        if (!outcome.done()) {
            progressText.setText(prefix(index) + outcome.describe());
        }
    }

    @Override
    public void queueEnded(RunOutcome last, int runsDone, int jobs) {
        charts.setStreaming(false);
        String text = last == null ? "Run stopped: nothing ran"
                : (jobs > 1 ? "run " + (runsDone + (last.done() ? 0 : 1)) + "/" + jobs + ": " : "") + last.describe();
        progressText.setText(text);
        message.set(text);
    }

    private void saveSweep() {
        if (sweepRuns.isEmpty()) {
            message.set("Run a sweep first");
            return;
        }
        FileChooser c = new FileChooser();
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File f = c.showSaveDialog(getScene().getWindow());
        if (f != null) {
            String csv = sweepCsv();
            FileTask.start("sweep-save", () -> AtomicFiles.writeString(f.toPath(), csv),
                    () -> message.set("Saved " + f.getName()), reason -> message.set("Cannot save: " + reason));
        }
    }

    /** The newest sweep as the command line's sweep.csv has it. */
    String sweepCsv() {
        return RunMetricsCsv.sweep(sweepColumns, sweepRuns);
    }

    List<List<RowMetrics>> sweepRuns() {
        return sweepRuns;
    }

    ReadOnlyStringProperty frameAxisProperty() {
        return form.frameAxisProperty();
    }

    WanModelPane wanPane() {
        return form.wanPane();
    }

    ComboBox<String> modelKind() {
        return form.modelKind();
    }

    int previewFrames() {
        return preview.pictureCount();
    }

    int seriesCount() {
        return charts.seriesCount();
    }

    int rowsInSeries(int series) {
        return charts.rowsInSeries(series);
    }

    String seriesLabel(int series) {
        return charts.seriesLabel(series);
    }

    boolean running() {
        return controller.busy();
    }
}
