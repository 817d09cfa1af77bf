package studio.timestep.ui;

import javafx.scene.control.Tooltip;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import studio.timestep.run.Sweep;
import studio.timestep.param.ParameterRange;
import studio.timestep.run.CacheComparison;
import studio.timestep.run.CacheEquivalents;
import studio.timestep.report.CacheSweepFigure;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import studio.timestep.io.AtomicFiles;
import studio.timestep.io.FileFormatException;
import studio.timestep.model.FramePreview;
import studio.timestep.model.LoadedModel;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.report.L1Logs;
import studio.timestep.report.LoggingCallback;
import studio.timestep.report.RunMetricsCsv;
import studio.timestep.run.ModelSource;
import studio.timestep.run.PlanOrigin;
import studio.timestep.run.RunException;
import studio.timestep.run.RunJob;
import studio.timestep.run.RunModels;
import studio.timestep.run.RunOutcome;
import studio.timestep.run.RunRequest;
import studio.timestep.run.StepCacheChoice;
import studio.timestep.sampling.RowMetrics;
import studio.timestep.schedule.CurveSetup;

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
    private final RunChartsPane charts;
    private final PreviewPane preview;
    private final SweepPane sweep = new SweepPane();
    private final Label what = new Label();
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label("Idle");
    /** The run each job of the current queue streams into. */
    private final List<ShownRun> runOfJob = new ArrayList<>();
    /** The queue's last run without a cache (a cached run is set against it), and what the last cached run gave. */
    private RunOutcome uncached;
    private String cacheResult = "";
    /** A cache sweep's cached runs as they end, and the request they sample (null when no cache sweep runs). */
    private List<SweptCache> cacheSweep;
    private RunRequest cacheSweepRequest;
    private String cacheSweepTitle = "";
    private final TextField cacheThresholds = new TextField("0.02, 0.05, 0.1, 0.2");
    private final Button runCacheSweep = new Button("Run cache sweep");
    private final TextField decodeRow = new TextField();
    private int queueSize;
    /** The newest sweep's runs, for its CSV: swept columns and rows, in job order. */

    RunPanel(Supplier<TimestepPlan> plan, Supplier<PlanOrigin> origin, StringProperty message) {
        this.plan = plan;
        this.origin = origin;
        this.message = message;
        this.form = new RunSettingsForm(message, controller.models(), this::refresh);
        this.preview = new PreviewPane(message);
        this.charts = new RunChartsPane(budget, controller.busyProperty(), this::showRun, this::importLog, this::exportRunCsv,
                this::exportCallback, message::set);
        setId("runPanel");
        setLeft(settingsColumn());
        setCenter(charts);
        setBottom(preview);
    }

    /**
     * Loads ND4J's natives and the picture conversion; the window starts it in the background once it
     * shows, so the first run does not stall the window (measured: a 300 ms first frame gap without it).
     */
    static void warmUp() {
        try {
            studio.timestep.sampling.CudaStatus.loadBackend();
            PreviewPictures.of(FramePreview.PIXELS, Nd4j.zeros(DataType.FLOAT, 1, 3, 8, 8));
        } catch (RuntimeException | LinkageError e) {
            // the first run will report whatever is wrong
        }
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
        cacheThresholds.setId("cacheSweepThresholds");
        cacheThresholds.setTooltip(new Tooltip("Thresholds of the step cache chosen above, comma-separated: the plan runs once "
                + "without the cache, then once at each; the error against the speed-up in model calls is drawn at the end "
                + "(the command line's sweep --cache also runs the equivalent schedules)"));
        runCacheSweep.setId("runCacheSweep");
        runCacheSweep.disableProperty().bind(controller.busyProperty());
        runCacheSweep.setOnAction(e -> startCacheSweep());
        decodeRow.setId("decodeRow");
        decodeRow.setPrefColumnCount(4);
        decodeRow.setPromptText("row");
        decodeRow.setTooltip(new Tooltip("A row of the run chosen in the list (or the newest): its x0 estimate, "
                + "x0 = x − σ·v, decoded by the pipeline's VAE"));
        decodeRow.setOnAction(e -> decodeRowEstimate());
        Button decode = new Button("Decode row's x0");
        decode.setId("decodeRowButton");
        decode.disableProperty().bind(controller.busyProperty());
        decode.setOnAction(e -> decodeRowEstimate());
        preview.addControls(decodeRow, decode);
        form.calibrateMagCacheButton().disableProperty().bind(controller.busyProperty());
        form.calibrateMagCacheButton().setOnAction(e -> calibrateMagCache());
        GridPane cacheGrid = FormGrid.create();
        cacheGrid.addRow(0, new Label("thresholds"), cacheThresholds);
        VBox box = new VBox(8, heading("Run"), what, form.settingsGrid(), new HBox(6, run, cancel), progress, progressText,
                heading("Model"), form.modelSection(), heading("Sweep"), sweep, heading("Cache sweep"), cacheGrid, runCacheSweep);
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
        preview.setCaption(form.decodes() ? "Preview: RGB projection of the x0 latents while running, then the frames the "
                + "pipeline's VAE decodes" : wan ? "Latent preview: Wan2.1 RGB projection of the latents, not a VAE decode "
                + "(x0 estimate while running, then the final latents)"
                : "Preview (x0 estimate while running, then the final frames)");
    }

    /** Starts a run of the current plan in the background. */
    void start() {
        try {
            RunRequest request = new RunRequest(plan.get(), origin.get(), form.modelSource(), form.settings());
            StepCacheChoice cache = form.stepCache();
            // a cached run comes after the same run without the cache, which its error is measured against
            launch(cache == null ? List.of(RunJob.single(request)) : List.of(RunJob.single(request), RunJob.cached(request, cache)),
                    false);
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

    /**
     * The plan under the step cache chosen above at each of the listed thresholds, after the same run
     * without it; then, for a t2v plan on a curve, each cached run's equivalent schedule and the
     * best flow shift with as many steps; the errors against speed-up in model calls are drawn at the end.
     */
    void startCacheSweep() {
        try {
            StepCacheChoice cache = form.stepCache();
            if (cache == null) {
                message.set("Cannot run the cache sweep: choose a step cache above");
                return;
            }
            RunRequest request = new RunRequest(plan.get(), origin.get(), form.modelSource(), form.settings());
            List<RunJob> jobs = new ArrayList<>(List.of(RunJob.single(request)));
            for (double t : Sweep.parseDoubles("cache thresholds", cacheThresholds.getText())) {
                jobs.add(RunJob.cached(request, cache.withThreshold(t)));
            }
            launch(jobs, false);
            cacheSweep = new ArrayList<>();
            cacheSweepRequest = request;
            cacheSweepTitle = cache.method() + " threshold sweep (error against the run without it)";
        } catch (IllegalArgumentException | RunException e) {
            message.set("Cannot run the cache sweep: " + e.getMessage());
        }
    }

    /** MagCache's calibration run of the current plan (next seed, every call computed); its ratios go to the form. */
    void calibrateMagCache() {
        try {
            RunRequest request = new RunRequest(plan.get(), origin.get(), form.modelSource(), form.settings());
            launch(List.of(CacheComparison.magCacheCalibration(request)), false);
        } catch (IllegalArgumentException | RunException e) {
            message.set("Cannot calibrate MagCache: " + e.getMessage());
        }
    }

    private void launch(List<RunJob> jobs, boolean isSweep) {
        cacheSweep = null;
        runOfJob.clear();
        uncached = null;
        cacheResult = "";
        queueSize = jobs.size();
        if (isSweep) {
            charts.sweepStarted();
        }
        progress.setProgress(0);
        charts.setStreaming(true);
        controller.start(jobs, this);
    }

    @Override
    public void runStarted(int index, RunJob job, LoadedModel model) {
        runOfJob.add(charts.start(job.traits(), job.columns()));
    }

    @Override
    public void rowsArrived(int index, List<RowMetrics> rows, double elapsedSeconds) {
        charts.add(runOfJob.get(index), rows);
        RowMetrics last = rows.get(rows.size() - 1);
        double done = (last.row() + 1) / (double) last.rows();
        progress.setProgress(done);
        String text = String.format(Locale.ROOT, "%srow %d / %d, about %.1f s left", prefix(index), last.row() + 1,
                last.rows(), elapsedSeconds / done - elapsedSeconds);
        progressText.setText(text);
        message.set(text);
    }

    private String prefix(int index) {
        return queueSize > 1 ? "run " + (index + 1) + "/" + queueSize + ": " : "";
    }

    @Override
    public void estimatesKept(int index, List<INDArray> x0, FramePreview decoder) {
        runOfJob.get(index).setEstimates(x0, decoder);
    }

    /**
     * Decodes the x0 estimate of the row given, of the run chosen in the list (or the newest), on the
     * run worker; the preview shows its frames. Only a model with a decoder keeps its estimates.
     */
    void decodeRowEstimate() {
        ShownRun run = charts.selectedOrNewest();
        if (run == null || run.decodableRows() == 0) {
            message.set("Decode a row: only a run of a Wan pipeline with its VAE keeps each row's x0 estimate");
            return;
        }
        int row;
        try {
            row = Integer.parseInt(decodeRow.getText().trim());
        } catch (NumberFormatException e) {
            message.set("Decode a row: '" + decodeRow.getText().trim() + "' is not a row number");
            return;
        }
        if (row < 0 || row >= run.decodableRows()) {
            message.set("Decode a row: rows are 0 to " + (run.decodableRows() - 1) + ", got " + row);
            return;
        }
        INDArray x0 = run.estimate(row);
        FramePreview decoder = run.decoder();
        controller.<List<Image>>startWork("decode-row", (progress, cancelled) -> {
            progress.accept("Decoding row " + row + "'s x0 estimate with the pipeline's VAE…");
            return PreviewPictures.of(decoder, x0);
        }, line -> {
            progressText.setText(line);
            message.set(line);
        }, pictures -> {
            preview.show(pictures);
            preview.setFrames(x0, decoder);
            String done = "Row " + row + "'s x0 estimate, decoded: " + pictures.size() + " frames";
            progressText.setText(done);
            message.set(done);
        }, why -> message.set("Decode a row: " + why));
    }

    @Override
    public void decoding() {
        progressText.setText("Decoding the frames with the pipeline's VAE…");
        message.set(progressText.getText());
    }

    @Override
    public void previewArrived(List<Image> pictures) {
        preview.show(pictures);
        budget.spend();
    }

    @Override
    public void runEnded(int index, RunJob job, RunOutcome outcome) {
        double[] ratios = CacheComparison.magRatios(outcome);
        if (ratios != null) {
            form.useMagRatios(ratios, String.format(Locale.ROOT, "ratios: %d, calibrated on seed %d, %d steps", ratios.length,
                    job.request().settings().seed(), outcome.rows().size()));
            cacheResult = "; MagCache ratios calibrated (Save… keeps them)";
        } else if (outcome.cache() != null && outcome.done()) {
            // the job before a cached one is the same run without the cache
            String summary = outcome.cacheSummary(uncached);
            runOfJob.get(index).addTrait("cache result", summary);
            runOfJob.get(index).replaceRows(outcome.rows());
            cacheResult = "; " + job.cache().describe() + ": " + summary;
        }
        if (outcome.cache() != null && outcome.done() && cacheSweep != null && uncached != null) {
            cacheSweep.add(new SweptCache(job.cache().threshold(), outcome));
        }
        if (job.cache() == null) {
            uncached = outcome;
        }
        if (outcome.x() != null && outcome.model() != null) {
            // a run whose model could not be loaded never started, so it has no entry
            ShownRun run = runOfJob.get(index);
            run.setFrames(outcome.x(), outcome.model().finalFrames());
            run.setPictures(preview.pictures());
            preview.setFrames(outcome.x(), outcome.model().finalFrames());
        }
        charts.runEnded();
        if (!outcome.done()) {
            progressText.setText(prefix(index) + outcome.describe());
        }
        if (outcome.model() == null && job.request().model() instanceof ModelSource.TinyModel) {
            offerExactModel(outcome.message());
        }
    }

    /** A tiny model that cannot be loaded: the exact clip model is offered in its place. */
    private void offerExactModel(String why) {
        ButtonType useExact = new ButtonType("Use exact clips", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.WARNING, why + "\n\nThe exact clip model needs no files. Use it instead?", useExact,
                ButtonType.CANCEL);
        alert.setHeaderText("The tiny model cannot be loaded");
        alert.initOwner(getScene().getWindow());
        alert.resultProperty().addListener((o, before, chosen) -> {
            if (useExact.equals(chosen)) {
                form.modelKind().setValue(RunSettingsForm.EXACT);
            }
        });
        alert.show();
    }

    @Override
    public void queueEnded(RunOutcome last, int runsDone, int jobs) {
        charts.setStreaming(false);
        String text = last == null ? "Run stopped: nothing ran"
                : (jobs > 1 ? "run " + (runsDone + (last.done() ? 0 : 1)) + "/" + jobs + ": " : "") + last.describe() + cacheResult;
        progressText.setText(text);
        message.set(text);
        if (cacheSweep != null && !cacheSweep.isEmpty()) {
            finishCacheSweep(cacheSweep, cacheSweepRequest, uncached);
        }
        cacheSweep = null;
    }

    private record SweptCache(double threshold, RunOutcome outcome) {
    }

    /**
     * Each cached run set beside its equivalent schedule (the rows it computed, no cache) and the
     * best flow shift with as many steps, computed in the background, then the figure; a plan with
     * no equivalent schedule (not t2v on a curve) draws the cache alone.
     */
    private void finishCacheSweep(List<SweptCache> swept, RunRequest request, RunOutcome reference) {
        boolean equivalents = CacheEquivalents.applies(request);
        controller.startWork("cache-equivalents", (progress, cancelled) -> {
            List<CacheSweepFigure.Point> points = new ArrayList<>();
            for (int i = 0; i < swept.size(); i++) {
                SweptCache s = swept.get(i);
                CacheComparison.Report r = CacheComparison.Report.of(reference, s.outcome());
                CacheEquivalents.Result eq = CacheEquivalents.Result.NONE;
                if (equivalents && !cancelled.getAsBoolean()) {
                    progress.accept(String.format(Locale.ROOT, "cache sweep: equivalent schedule and best flow shift for threshold "
                            + "%s (%d of %d)", ParameterRange.format(s.threshold()), i + 1, swept.size()));
                    eq = CacheEquivalents.of(request, r, controller.models());
                }
                points.add(eq.point(s.threshold(), r));
            }
            return points;
        }, line -> {
            progressText.setText(line);
            message.set(line);
        }, points -> {
            String done = !equivalents ? "cache sweep: done (equivalent schedules need a t2v plan on a curve)"
                    : points.stream().anyMatch(p -> Double.isNaN(p.equivalentError())) ? "cache sweep: equivalents cancelled"
                    : "cache sweep: done";
            progressText.setText(done);
            message.set(done);
            CacheSweepDialog.show(this, new CacheSweepFigure(cacheSweepTitle, points), message);
        }, why -> message.set("Cache sweep: the equivalent schedules failed: " + why));
    }

    private void saveSweep() {
        if (charts.sweepRuns().isEmpty()) {
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

    /** Shows a run chosen in the list: its preview (the heatmap follows the list by itself). */
    private void showRun(ShownRun run) {
        if (!controller.busy()) {
            preview.show(run.pictures());
            preview.setFrames(run.frames(), run.preview());
        }
    }

    /** Reads an L1 log in the background; a log that does not read leaves the run list as it was. */
    void importLog() {
        FileChooser c = new FileChooser();
        c.setTitle("Import an L1 log");
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("L1 logs", "*.log", "*.txt", "*.csv", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = c.showOpenDialog(getScene().getWindow());
        if (f != null) {
            importLog(f.toPath());
        }
    }

    /** Imports a log (File → Import L1 log… and the run list's button come here). */
    void importLog(Path file) {
        AtomicReference<L1Logs.ImportedRun> read = new AtomicReference<>();
        FileTask.start("log-import", () -> {
            try {
                read.set(L1Logs.read(file, "cond"));
            } catch (FileFormatException e) {
                throw new IOException(e.getMessage(), e);
            }
        }, () -> {
            L1Logs.ImportedRun run = read.get();
            charts.addImported(run.name(), run.rows());
            message.set("Imported " + run.rows().size() + " steps of " + String.join(", ", run.signals()) + " L1 from "
                    + run.name());
        }, reason -> message.set("Cannot import: " + reason));
    }

    private void exportRunCsv(ShownRun run) {
        FileChooser c = new FileChooser();
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        c.setInitialFileName(run.name().replaceAll("[^A-Za-z0-9._=-]+", "_") + ".csv");
        File f = c.showSaveDialog(getScene().getWindow());
        if (f != null) {
            String csv = RunMetricsCsv.of(run.rows());
            FileTask.start("run-export", () -> AtomicFiles.writeString(f.toPath(), csv),
                    () -> message.set("Saved " + f.getName()), reason -> message.set("Cannot save: " + reason));
        }
    }

    /** Writes the diffusers logging callback (shipped in assets/) where the user says. */
    private void exportCallback() {
        FileChooser c = new FileChooser();
        c.setTitle("Save the diffusers logging callback");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Python", "*.py"));
        c.setInitialFileName(LoggingCallback.FILE_NAME);
        File f = c.showSaveDialog(getScene().getWindow());
        if (f != null) {
            FileTask.start("callback-export", () -> AtomicFiles.writeString(f.toPath(), LoggingCallback.text()),
                    () -> message.set("Saved " + f.getName() + ": pass it as callback_on_step_end (its docstring says how)"),
                    reason -> message.set("Cannot save: " + reason));
        }
    }

    /**
     * A teacher for optimal steps on {@code base}: synchronous t2v of the Plan tab's frame count with
     * this tab's model and settings; refused while a run is going (they share the model and the
     * random generator).
     */
    RunRequest teacherFor(CurveSetup base) {
        if (controller.busy()) {
            throw new RunException("wait for the run to end");
        }
        return new RunRequest(PlanTemplate.T2V.build(Map.of("frames", plan.get().frames()), base.grid()),
                new PlanOrigin("t2v", base), form.modelSource(), form.settings());
    }

    RunModels models() {
        return controller.models();
    }

    RunChartsPane charts() {
        return charts;
    }

    /** The newest sweep's runs still in the list, as the command line's sweep.csv has them. */
    String sweepCsv() {
        List<ShownRun> runs = charts.sweepRuns();
        return RunMetricsCsv.sweep(runs.stream().map(ShownRun::columns).toList(), runs.stream().map(ShownRun::rows).toList());
    }

    List<List<RowMetrics>> sweepRuns() {
        return charts.sweepRuns().stream().map(ShownRun::rows).toList();
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

    void useTinyModel(Path folder) {
        form.useTinyModel(folder);
    }

    /** The model the form names now. */
    ModelSource modelSource() {
        return form.modelSource();
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
