package studio.timestep.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.StringProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.jfree.chart.fx.ChartViewer;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.report.FrameImages;
import studio.timestep.report.L1Charts;
import studio.timestep.model.AnalyticFlowModel;
import studio.timestep.model.MovingShapeClips;
import studio.timestep.model.VelocityModel;
import studio.timestep.plan.PlanHeatmap;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.sampling.RowEvent;
import studio.timestep.sampling.RowMetrics;
import studio.timestep.sampling.RunSettings;
import studio.timestep.sampling.SamplerKind;
import studio.timestep.sampling.SamplingRun;
import studio.timestep.sampling.TeaCachePolynomial;

/**
 * The run panel: sample the Plan tab's plan (built on the selected curve) with the embedded
 * model or Wan2.1, watch the seeds' three L1 panels and the per-frame L1 heatmap grow row by row, and look
 * at the frames. The run goes on a background thread; rows reach the window coalesced, so the
 * window stays responsive. Earlier runs stay overlaid until cleared.
 */
final class RunPanel extends BorderPane {
    static final String EMBEDDED = "Embedded clips";
    static final String WAN = "Wan2.1 (diffusers folder)";
    private final Supplier<TimestepPlan> plan;
    private final Supplier<String> label;
    private final StringProperty message;
    private final ComboBox<SamplerKind> sampler = new ComboBox<>();
    private final TextField guidance = new TextField("5");
    private final TextArea prompts = new TextArea("red ball");
    private final TextField negative = new TextField("blue");
    private final TextField seed = new TextField("42");
    private final ComboBox<TeaCachePolynomial> teacache = new ComboBox<>();
    private final TextField threshold = new TextField("0.1");
    private final Label what = new Label();
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label("Idle");
    private final L1Charts charts = new L1Charts("guided");
    private final ComboBox<String> signal = new ComboBox<>();
    private final Canvas frameL1 = new Canvas(420, 180);
    private final HBox filmstrip = new HBox(2);
    private final ImageView player = new ImageView();
    private final Timeline playback = new Timeline();
    /**
     * Charts with new rows not drawn yet; during a run one is drawn per pulse, and none in the pulse
     * after the heatmap or the preview was redrawn, so no pulse does more than one costly thing.
     */
    private final boolean[] dirty = new boolean[3];
    private int nextRedraw;
    private boolean flushedThisPulse;
    private final javafx.animation.AnimationTimer chartRedraw = new javafx.animation.AnimationTimer() {
        @Override
        public void handle(long now) {
            if (flushedThisPulse) {
                flushedThisPulse = false;
                return;
            }
            for (int k = 0; k < dirty.length; k++) {
                int i = (nextRedraw + k) % dirty.length;
                if (dirty[i]) {
                    dirty[i] = false;
                    charts.charts().get(i).setNotify(true);
                    charts.charts().get(i).setNotify(false);
                    nextRedraw = i + 1;
                    return;
                }
            }
        }
    };
    private final List<List<RowMetrics>> runs = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private List<Image> frames = List.of();
    /** The per-frame L1 heatmap and the preview are redrawn at most this often while rows stream in. */
    private static final long LIVE_REDRAW_NANOS = 150_000_000L;
    private INDArray lastFrames;
    private int playerFrame;
    private final TextField sweepSteps = new TextField("10,20,50");
    private final TextField sweepShifts = new TextField("3,7,11");
    private final TextField sweepFrames = new TextField("1,9,17");
    private final Label clipsLabel = new Label("Embedded moving-shape clips");
    private final List<java.util.Map<String, String>> sweepSettings = new ArrayList<>();
    private final List<List<RowMetrics>> sweepRuns = new ArrayList<>();
    private Path clipsFolder;
    private volatile SamplingRun current;
    private volatile boolean busy;
    private final java.util.Map<Integer, AnalyticFlowModel> models = new java.util.HashMap<>();
    private final ComboBox<String> modelKind = new ComboBox<>();
    private final WanModelPane wanPane;
    private final Label previewLabel = new Label();
    /** The plan editor's name for its frame axis: video frames, or latent frames with Wan. */
    private final javafx.beans.property.StringProperty frameAxis = new javafx.beans.property.SimpleStringProperty("frames →");
    private volatile VelocityModel runModel;
    private VelocityModel lastModel;

    /** The model for a plan's frame count, chosen when a run is launched. */
    @FunctionalInterface
    private interface ModelFactory {
        VelocityModel apply(int frames) throws IOException;
    }

    /** One run to do: a plan, its series label and, for sweeps, its settings as CSV columns. */
    private record Job(TimestepPlan plan, String label, java.util.Map<String, String> sweep) {
    }

    RunPanel(Supplier<TimestepPlan> plan, Supplier<String> label, StringProperty message) {
        this.plan = plan;
        this.label = label;
        this.message = message;
        this.wanPane = new WanModelPane(message, this::refresh);
        setId("runPanel");
        setLeft(settingsPane());
        setCenter(chartsPane());
        setBottom(previewPane());
        warmUp();
    }

    /**
     * Loads ND4J's natives and the picture conversion in the background at start-up, so the first
     * run does not stall the window (measured: a 300 ms first frame gap without it).
     */
    private static void warmUp() {
        NativeLoadingThread.start("run-warm-up", () -> {
            try {
                var pictures = FrameImages.pictures(org.nd4j.linalg.factory.Nd4j.zeros(
                        org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 3, 8, 8), 2);
                SwingFXUtils.toFXImage(pictures.get(0), null);
            } catch (RuntimeException | LinkageError e) {
                // the first run will report whatever is wrong
            }
        });
    }

    private ScrollPane settingsPane() {
        sampler.getItems().setAll(SamplerKind.values());
        sampler.setValue(SamplerKind.EULER);
        sampler.setId("runSampler");
        teacache.getItems().setAll(TeaCachePolynomial.values());
        teacache.setValue(TeaCachePolynomial.IDENTITY);
        guidance.setId("runGuidance");
        guidance.setTooltip(new Tooltip("Classifier-free guidance w: v = v_neg + w·(v_cond − v_neg). 1 = one evaluation, no guidance."));
        prompts.setId("runPrompts");
        prompts.setPrefRowCount(2);
        prompts.setTooltip(new Tooltip("One prompt per line, for each prompt of the plan (prompt-blend plans use two)."
                + "\nThe embedded model favours clips whose captions contain the words (colours, shapes, directions)."));
        negative.setTooltip(new Tooltip("Negative prompt: guidance pushes away from it"));
        threshold.setTooltip(new Tooltip("TeaCache threshold: rows whose accumulated rescaled input L1 stays under it would be skipped"));
        run.setId("runButton");
        run.setDefaultButton(true);
        run.setOnAction(e -> start());
        cancel.setId("cancelButton");
        cancel.setDisable(true);
        cancel.setOnAction(e -> {
            if (current != null) {
                current.cancel();
            }
        });
        progress.setId("runProgress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progressText.setId("runProgressText");
        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(5);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        g.getColumnConstraints().add(labels);
        int r = 0;
        g.addRow(r++, new Label("sampler"), sampler);
        g.addRow(r++, new Label("guidance"), guidance);
        g.add(new Label("prompts"), 0, r);
        g.add(prompts, 1, r++);
        g.addRow(r++, new Label("negative"), negative);
        g.addRow(r++, new Label("seed"), seed);
        g.addRow(r++, new Label("TeaCache"), teacache);
        g.addRow(r, new Label("threshold"), threshold);
        what.setWrapText(true);
        what.setId("runWhat");
        refresh();
        Button folder = new Button("Clips folder…");
        folder.setTooltip(new Tooltip("Use your own clips: sub-folders of PNG frames or GIF files, captioned by name"));
        folder.setOnAction(e -> {
            File d = new DirectoryChooser().showDialog(getScene().getWindow());
            if (d != null) {
                clipsFolder = d.toPath();
                models.clear();
                clipsLabel.setText("Clips from " + d.getName());
            }
        });
        Button embedded = new Button("Embedded");
        embedded.setOnAction(e -> {
            clipsFolder = null;
            models.clear();
            clipsLabel.setText("Embedded moving-shape clips");
        });
        clipsLabel.setWrapText(true);
        VBox clipsBox = new VBox(6, clipsLabel, new HBox(6, embedded, folder));
        modelKind.getItems().setAll(EMBEDDED, WAN);
        modelKind.setValue(EMBEDDED);
        modelKind.setId("runModelKind");
        modelKind.setTooltip(new Tooltip("Embedded: the exact flow velocity of a clip collection, no download.\n"
                + "Wan2.1: the real transformer from a diffusers folder (slow on a CPU except at small sizes)."));
        wanPane.visibleProperty().bind(modelKind.valueProperty().isEqualTo(WAN));
        wanPane.managedProperty().bind(wanPane.visibleProperty());
        clipsBox.visibleProperty().bind(wanPane.visibleProperty().not());
        clipsBox.managedProperty().bind(clipsBox.visibleProperty());
        prompts.disableProperty().bind(wanPane.visibleProperty());
        negative.disableProperty().bind(wanPane.visibleProperty());
        modelKind.valueProperty().addListener((o, a, b) -> {
            frameAxis.set(WAN.equals(b) ? "latent frames → (video frame 4·(f−1)+1)" : "frames →");
            refresh();
        });
        GridPane sweep = new GridPane();
        sweep.setHgap(6);
        sweep.setVgap(5);
        sweep.addRow(0, new Label("steps"), sweepSteps);
        sweep.addRow(1, new Label("shifts"), sweepShifts);
        sweep.addRow(2, new Label("frames"), sweepFrames);
        sweepSteps.setId("sweepSteps");
        sweepShifts.setId("sweepShifts");
        sweepFrames.setId("sweepFrames");
        Button runSweep = new Button("Run sweep");
        runSweep.setId("runSweep");
        runSweep.setTooltip(new Tooltip("Flow shift × steps × frames, synchronous T2V under euler-sigmas, one series each"));
        runSweep.setOnAction(e -> startSweep());
        runSweep.disableProperty().bind(run.disableProperty());
        Button saveSweep = new Button("Save sweep CSV…");
        saveSweep.setOnAction(e -> saveSweep());
        VBox box = new VBox(8, heading("Run"), what, g, new HBox(6, run, cancel), progress, progressText,
                heading("Model"), modelKind, clipsBox, wanPane, heading("Sweep"), sweep,
                new HBox(6, runSweep, saveSweep));
        box.setPadding(new Insets(8));
        box.setPrefWidth(290);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    /** Says what Run will sample: the current plan, base curve and model. */
    void refresh() {
        boolean wan = isWan();
        what.setText("Samples the Plan tab's plan (" + plan.get().rows() + " rows × " + plan.get().frames()
                + (wan ? " latent frames" : " frames") + ") on " + label.get() + ", with "
                + (wan ? wanPane.summary() : "the embedded model (" + MovingShapeClips.DEFAULT_CLIPS + " moving-shape clips, "
                + MovingShapeClips.DEFAULT_SIZE + "×" + MovingShapeClips.DEFAULT_SIZE + ")") + ".");
        previewLabel.setText(wan ? "Latent preview: Wan2.1 RGB projection of the latents, not a VAE decode "
                + "(x0 estimate while running, then the final latents)"
                : "Preview (x0 estimate while running, then the final frames)");
    }

    private boolean isWan() {
        return WAN.equals(modelKind.getValue());
    }

    javafx.beans.property.StringProperty frameAxisProperty() {
        return frameAxis;
    }

    WanModelPane wanPane() {
        return wanPane;
    }

    ComboBox<String> modelKind() {
        return modelKind;
    }

    private VBox chartsPane() {
        signal.getItems().setAll(L1Charts.SIGNALS);
        signal.setValue("guided");
        signal.setId("runSignal");
        signal.setTooltip(new Tooltip("latent: x between rows; cond: conditional prediction; guided: guided prediction"));
        signal.valueProperty().addListener((o, a, b) -> redrawAll());
        Button clear = new Button("Clear runs");
        clear.setId("clearRuns");
        clear.setOnAction(e -> {
            runs.clear();
            labels.clear();
            redrawAll();
        });
        HBox top = new HBox(8, new Label("L1 signal"), signal, clear,
                new Label("Right-click a chart to save it as PNG."));
        top.setAlignment(Pos.CENTER_LEFT);
        HBox row = new HBox(4);
        for (var chart : charts.charts()) {
            ChartViewer v = new ChartViewer(chart);
            v.setPrefSize(360, 280);
            v.setMinSize(200, 180);
            HBox.setHgrow(v, Priority.ALWAYS);
            row.getChildren().add(v);
        }
        Label heat = new Label("Per-frame L1 (frames across, rows down; red marks: rows TeaCache would skip)");
        VBox box = new VBox(6, top, row, heat, frameL1);
        box.setPadding(new Insets(8));
        VBox.setVgrow(row, Priority.ALWAYS);
        return box;
    }

    private VBox previewPane() {
        ToggleButton play = new ToggleButton("Play");
        play.setId("previewPlay");
        Slider fps = new Slider(1, 30, 8);
        fps.setTooltip(new Tooltip("Frames per second"));
        CheckBox loop = new CheckBox("loop");
        loop.setSelected(true);
        playback.setCycleCount(Timeline.INDEFINITE);
        Runnable restart = () -> {
            playback.stop();
            playback.getKeyFrames().setAll(new KeyFrame(Duration.seconds(1 / fps.getValue()), e -> {
                if (frames.isEmpty()) {
                    return;
                }
                if (playerFrame + 1 >= frames.size() && !loop.isSelected()) {
                    play.setSelected(false);
                    return;
                }
                playerFrame = (playerFrame + 1) % frames.size();
                player.setImage(frames.get(playerFrame));
            }));
            if (play.isSelected()) {
                playback.play();
            }
        };
        fps.valueProperty().addListener((o, a, b) -> restart.run());
        play.selectedProperty().addListener((o, a, b) -> {
            play.setText(b ? "Pause" : "Play");
            restart.run();
        });
        Button png = new Button("Export PNG frames…");
        png.setOnAction(e -> exportFrames(false));
        Button gif = new Button("Export GIF…");
        gif.setOnAction(e -> exportFrames(true));
        player.setFitWidth(128);
        player.setFitHeight(128);
        player.setId("previewPlayer");
        filmstrip.setId("filmstrip");
        ScrollPane strip = new ScrollPane(filmstrip);
        strip.setPrefHeight(86);
        strip.setFitToHeight(true);
        HBox controls = new HBox(6, play, new Label("fps"), fps, loop, png, gif);
        controls.setAlignment(Pos.CENTER_LEFT);
        previewLabel.setWrapText(true);
        VBox right = new VBox(4, previewLabel, strip, controls);
        HBox.setHgrow(right, Priority.ALWAYS);
        VBox box = new VBox(new HBox(8, player, right));
        box.setPadding(new Insets(4, 8, 4, 8));
        return box;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("pane-heading");
        return l;
    }

    private RunSettings settings() {
        try {
            List<String> lines = isWan() ? wanPane.prompts()
                    : prompts.getText().lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
            return new RunSettings(sampler.getValue(), Double.parseDouble(guidance.getText().trim()), lines,
                    isWan() ? wanPane.negative() : negative.getText(), Long.parseLong(seed.getText().trim()), teacache.getValue(),
                    Double.parseDouble(threshold.getText().trim()), Path.of("."));
        } catch (NumberFormatException e) {
            throw new studio.timestep.param.InvalidParameterException("run", "guidance, seed and threshold must be numbers ("
                    + e.getMessage() + ")");
        }
    }

    /** Starts a run of the current plan in the background. */
    void start() {
        TimestepPlan p = plan.get();
        launch(List.of(new Job(p, label.get() + ", frames=" + p.frames() + ", " + sampler.getValue().id(), null)));
    }

    /** Runs every combination of the sweep lists in sequence, one series each. */
    void startSweep() {
        List<Job> jobs = new ArrayList<>();
        try {
            for (String n : sweepSteps.getText().split(",")) {
                for (String sh : sweepShifts.getText().split(",")) {
                    for (String f : sweepFrames.getText().split(",")) {
                        studio.timestep.schedule.CurveSetup setup = new studio.timestep.schedule.CurveSetup("sweep",
                                new studio.timestep.schedule.FlowShiftCurve(Double.parseDouble(sh.trim())),
                                studio.timestep.schedule.GridConvention.EULER_SIGMAS, Integer.parseInt(n.trim()), true);
                        TimestepPlan p = studio.timestep.plan.PlanTemplate.T2V.build(
                                java.util.Map.of("frames", Integer.parseInt(f.trim())), setup.grid());
                        java.util.Map<String, String> cols = new java.util.LinkedHashMap<>();
                        cols.put("steps", n.trim());
                        cols.put("shift", sh.trim());
                        cols.put("frames", f.trim());
                        jobs.add(new Job(p, "steps=" + n.trim() + ", shift=" + sh.trim() + ", frames=" + f.trim(), cols));
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            message.set("Sweep: " + e.getMessage() + " (lists are comma-separated numbers)");
            return;
        }
        sweepSettings.clear();
        sweepRuns.clear();
        launch(jobs);
    }

    /** The embedded model for a frame count (generated or read on the worker thread, then kept). */
    private VelocityModel embeddedModel(int frames) throws IOException {
        AnalyticFlowModel m = models.get(frames);
        if (m == null) {
            m = new AnalyticFlowModel(clipsFolder == null ? MovingShapeClips.generate(MovingShapeClips.DEFAULT_CLIPS, frames,
                    MovingShapeClips.DEFAULT_SIZE, 1234) : studio.timestep.model.ClipFolder.load(clipsFolder, frames,
                    MovingShapeClips.DEFAULT_SIZE));
            models.put(frames, m);
        }
        return m;
    }

    private void launch(List<Job> jobs) {
        RunSettings s;
        ModelFactory models;
        try {
            if (isWan()) {
                java.util.function.IntFunction<VelocityModel> wan = wanPane.factory();
                models = wan::apply;
            } else {
                models = this::embeddedModel;
            }
            s = settings();
        } catch (IllegalArgumentException e) {
            message.set("Cannot run: " + e.getMessage());
            return;
        }
        busy = true;
        charts.charts().forEach(c -> c.setNotify(false));
        charts.setStreaming(true);
        chartRedraw.start();
        run.setDisable(true);
        cancel.setDisable(false);
        progress.setProgress(0);
        Thread worker = new Thread(() -> {
            String outcome = "";
            for (int k = 0; k < jobs.size(); k++) {
                Job job = jobs.get(k);
                String prefix = jobs.size() > 1 ? "run " + (k + 1) + "/" + jobs.size() + ": " : "";
                String ended = runOne(job, s, models, prefix);
                outcome = prefix + ended;
                if (!ended.startsWith("Done")) {
                    break;
                }
            }
            String text = outcome;
            Platform.runLater(() -> {
                progressText.setText(text);
                message.set(text);
                chartRedraw.stop();
                charts.setStreaming(false);
                charts.charts().forEach(c -> c.setNotify(true));
                run.setDisable(false);
                cancel.setDisable(true);
                busy = false;
            });
        }, "sampling-run");
        worker.setDaemon(true);
        worker.start();
    }

    /** Runs one job on the worker thread, streaming rows to the window; returns how it ended. */
    private String runOne(Job job, RunSettings s, ModelFactory models, String prefix) {
        SamplingRun r;
        try {
            VelocityModel m = models.apply(job.plan().frames());
            runModel = m;
            r = new SamplingRun(job.plan(), m, s);
        } catch (IOException | RuntimeException e) {
            return "Cannot run: " + e.getMessage();
        }
        current = r;
        List<RowMetrics> rows = new ArrayList<>();
        int[] series = new int[1];
        try {
            FxThread.call(() -> {
                runs.add(rows);
                labels.add(job.label());
                series[0] = charts.start(job.label());
                if (job.sweep() != null) {
                    sweepSettings.add(job.sweep());
                    sweepRuns.add(rows);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Cancelled";
        }
        ConcurrentLinkedQueue<RowMetrics> pending = new ConcurrentLinkedQueue<>();
        AtomicReference<List<Image>> preview = new AtomicReference<>();
        long[] lastPreview = {0};
        AtomicBoolean scheduled = new AtomicBoolean();
        long started = System.nanoTime();
        long[] lastHeatmap = {0};
        Runnable flush = () -> {
            scheduled.set(false);
            RowMetrics m;
            RowMetrics last = null;
            List<RowMetrics> batch = new ArrayList<>();
            while ((m = pending.poll()) != null) {
                batch.add(m);
                last = m;
            }
            rows.addAll(batch);
            charts.addAll(series[0], batch);
            if (!batch.isEmpty()) {
                java.util.Arrays.fill(dirty, true);
            }
            if (last != null) {
                double done = (last.row() + 1) / (double) last.rows();
                double elapsed = (System.nanoTime() - started) / 1e9;
                progress.setProgress(done);
                progressText.setText(String.format(Locale.ROOT, "%srow %d / %d, about %.1f s left", prefix, last.row() + 1,
                        last.rows(), elapsed / done - elapsed));
                long now = System.nanoTime();
                if (now - lastHeatmap[0] > LIVE_REDRAW_NANOS || last.row() + 1 == last.rows()) {
                    lastHeatmap[0] = now;
                    drawFrameL1(rows);
                    flushedThisPulse = true;
                }
            }
            List<Image> pictures = preview.getAndSet(null);
            if (pictures != null) {
                showPictures(pictures);
                flushedThisPulse = true;
            }
        };
        String outcome;
        INDArray result = null;
        try {
            SamplingRun.Result res = r.run((RowEvent e) -> {
                pending.add(e.metrics());
                // pictures are made here, on the worker, a few times a second: not for every row
                if (System.nanoTime() - lastPreview[0] > LIVE_REDRAW_NANOS) {
                    lastPreview[0] = System.nanoTime();
                    preview.set(pictures(runModel, e.x0()));
                }
                if (scheduled.compareAndSet(false, true)) {
                    Platform.runLater(flush);
                }
            });
            result = res.x();
            outcome = res.cancelled() ? "Cancelled after " + res.rows().size() + " rows (kept)" : "Done: "
                    + res.rows().size() + " rows";
        } catch (RuntimeException e) {
            outcome = "Run stopped: " + e.getMessage();
        }
        INDArray finalFrames = result;
        try {
            FxThread.call(() -> {
                flush.run();
                if (finalFrames != null) {
                    showFrames(finalFrames);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current = null;
        return outcome;
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
            try {
                studio.timestep.io.AtomicFiles.writeString(f.toPath(),
                        studio.timestep.report.RunMetricsCsv.sweep(sweepSettings, sweepRuns));
                message.set("Saved " + f.getName());
            } catch (IOException e) {
                message.set("Cannot save: " + e.getMessage());
            }
        }
    }

    List<List<RowMetrics>> sweepRuns() {
        return sweepRuns;
    }

    private void redrawAll() {
        charts.clear();
        charts.setSignal(signal.getValue());
        for (int i = 0; i < runs.size(); i++) {
            charts.addAll(charts.start(labels.get(i)), runs.get(i));
        }
        drawFrameL1(runs.isEmpty() ? List.of() : runs.get(runs.size() - 1));
    }

    /**
     * The per-frame L1 heatmap, drawn as one image (a pixel per screen point, not a rectangle per
     * cell): its cost stays the same however many rows a run has.
     */
    private void drawFrameL1(List<RowMetrics> rows) {
        GraphicsContext g = frameL1.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, frameL1.getWidth(), frameL1.getHeight());
        if (rows.isEmpty()) {
            return;
        }
        String name = signal.getValue();
        int frameCount = rows.get(0).sigmas().length;
        int total = rows.get(0).rows();
        double max = 0;
        for (RowMetrics r : rows) {
            for (double v : r.signalPerFrame(name)) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        int w = (int) frameL1.getWidth() - 12;
        int h = (int) frameL1.getHeight();
        int[] argb = new int[w * h];
        java.util.Arrays.fill(argb, 0xFFFFFFFF);
        for (int y = 0; y < h; y++) {
            int row = (int) ((y + 0.5) * total / h);
            if (row >= rows.size()) {
                break;
            }
            double[] values = rows.get(row).signalPerFrame(name);
            for (int x = 0; x < w; x++) {
                double v = values[(int) ((x + 0.5) * frameCount / w)];
                argb[y * w + x] = Double.isNaN(v) || max == 0 ? 0xFFDDDDDD : PlanHeatmap.color(v / max);
            }
        }
        javafx.scene.image.WritableImage image = new javafx.scene.image.WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        g.drawImage(image, 0, 0);
        g.setFill(Color.RED);
        double ch = frameL1.getHeight() / total;
        for (RowMetrics r : rows) {
            if (r.teacacheSkip()) {
                g.fillRect(frameL1.getWidth() - 10, r.row() * ch, 10, Math.max(1, ch));
            }
        }
    }

    private void showFrames(INDArray x) {
        lastFrames = x;
        lastModel = runModel;
        showPictures(pictures(lastModel, x));
    }

    /** Frames in a model's space as preview images about 64 points wide (may be called off the FX thread). */
    private static List<Image> pictures(VelocityModel model, INDArray frames) {
        INDArray pixels = model.previewPixels(frames);
        return FrameImages.pictures(pixels, FrameImages.scaleFor(pixels, 64)).stream()
                .map(b -> (Image) SwingFXUtils.toFXImage(b, null)).toList();
    }

    /** Shows pictures (made off the FX thread while running) in the filmstrip and the player, reusing the views. */
    private void showPictures(List<Image> pictures) {
        frames = pictures;
        if (filmstrip.getChildren().size() != frames.size()) {
            filmstrip.getChildren().clear();
            for (int i = 0; i < frames.size(); i++) {
                ImageView v = new ImageView();
                v.setFitWidth(64);
                v.setFitHeight(64);
                filmstrip.getChildren().add(v);
            }
        }
        for (int i = 0; i < frames.size(); i++) {
            ((ImageView) filmstrip.getChildren().get(i)).setImage(frames.get(i));
        }
        playerFrame = Math.min(playerFrame, frames.size() - 1);
        player.setImage(frames.get(Math.max(0, playerFrame)));
    }

    int previewFrames() {
        return frames.size();
    }

    int seriesCount() {
        return charts.charts().get(0).getXYPlot().getDataset().getSeriesCount();
    }

    int rowsInSeries(int series) {
        var data = charts.charts().get(0).getXYPlot().getDataset();
        return series < data.getSeriesCount() ? data.getItemCount(series) : 0;
    }

    boolean running() {
        return busy;
    }

    private void exportFrames(boolean gif) {
        if (lastFrames == null) {
            message.set("Run first: there are no frames to export");
            return;
        }
        INDArray pixels = lastModel.previewPixels(lastFrames);
        var pictures = FrameImages.pictures(pixels, FrameImages.scaleFor(pixels, 128));
        try {
            if (gif) {
                FileChooser c = new FileChooser();
                c.getExtensionFilters().add(new FileChooser.ExtensionFilter("GIF", "*.gif"));
                File f = c.showSaveDialog(getScene().getWindow());
                if (f != null) {
                    FrameImages.writeGif(pictures, f.toPath(), 8);
                    message.set("Exported " + f.getName());
                }
            } else {
                File d = new DirectoryChooser().showDialog(getScene().getWindow());
                if (d != null) {
                    FrameImages.writePngs(pictures, d.toPath());
                    message.set("Exported " + pictures.size() + " frames to " + d);
                }
            }
        } catch (IOException e) {
            message.set("Cannot export: " + e.getMessage());
        }
    }
}
