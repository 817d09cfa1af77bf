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
import studio.timestep.io.FrameImages;
import studio.timestep.io.L1Charts;
import studio.timestep.model.AnalyticFlowModel;
import studio.timestep.model.MovingShapeClips;
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
 * model, watch the seeds' three L1 panels and the per-frame L1 heatmap grow row by row, and look
 * at the frames. The run goes on a background thread; rows reach the window coalesced, so the
 * window stays responsive. Earlier runs stay overlaid until cleared.
 */
final class RunPanel extends BorderPane {
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
    private final List<List<RowMetrics>> runs = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private List<Image> frames = List.of();
    private INDArray lastFrames;
    private int playerFrame;
    private SamplingRun current;
    private AnalyticFlowModel model;

    RunPanel(Supplier<TimestepPlan> plan, Supplier<String> label, StringProperty message) {
        this.plan = plan;
        this.label = label;
        this.message = message;
        setId("runPanel");
        setLeft(settingsPane());
        setCenter(chartsPane());
        setBottom(previewPane());
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
        VBox box = new VBox(8, heading("Run"), what, g, new HBox(6, run, cancel), progress, progressText);
        box.setPadding(new Insets(8));
        box.setPrefWidth(290);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    /** Says what Run will sample: the current plan and base curve. */
    void refresh() {
        what.setText("Samples the Plan tab's plan (" + plan.get().rows() + " rows × " + plan.get().frames()
                + " frames) on " + label.get() + ", with the embedded model (" + MovingShapeClips.DEFAULT_CLIPS
                + " moving-shape clips, " + MovingShapeClips.DEFAULT_SIZE + "×" + MovingShapeClips.DEFAULT_SIZE + ").");
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
        VBox right = new VBox(4, new Label("Preview (x0 estimate while running, then the final frames)"), strip, controls);
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
            List<String> lines = prompts.getText().lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
            return new RunSettings(sampler.getValue(), Double.parseDouble(guidance.getText().trim()), lines,
                    negative.getText(), Long.parseLong(seed.getText().trim()), teacache.getValue(),
                    Double.parseDouble(threshold.getText().trim()), Path.of("."));
        } catch (NumberFormatException e) {
            throw new studio.timestep.schedule.InvalidParameterException("run", "guidance, seed and threshold must be numbers ("
                    + e.getMessage() + ")");
        }
    }

    /** Starts a run of the current plan in the background. */
    void start() {
        TimestepPlan p = plan.get();
        RunSettings s;
        try {
            s = settings();
            if (model == null || model.frames() != p.frames()) {
                model = new AnalyticFlowModel(MovingShapeClips.generate(MovingShapeClips.DEFAULT_CLIPS, p.frames(),
                        MovingShapeClips.DEFAULT_SIZE, 1234));
            }
        } catch (IllegalArgumentException e) {
            message.set("Cannot run: " + e.getMessage());
            return;
        }
        SamplingRun r;
        try {
            r = new SamplingRun(p, model, s);
        } catch (RuntimeException e) {
            message.set("Cannot run: " + e.getMessage());
            return;
        }
        current = r;
        List<RowMetrics> rows = new ArrayList<>();
        runs.add(rows);
        labels.add(label.get() + ", frames=" + p.frames() + ", " + s.sampler().id());
        int series = charts.start(labels.get(labels.size() - 1));
        run.setDisable(true);
        cancel.setDisable(false);
        progress.setProgress(0);
        ConcurrentLinkedQueue<RowMetrics> pending = new ConcurrentLinkedQueue<>();
        AtomicReference<INDArray> preview = new AtomicReference<>();
        AtomicBoolean scheduled = new AtomicBoolean();
        long started = System.nanoTime();
        Runnable flush = () -> {
            scheduled.set(false);
            RowMetrics m;
            RowMetrics last = null;
            while ((m = pending.poll()) != null) {
                rows.add(m);
                charts.add(series, m);
                last = m;
            }
            if (last != null) {
                double done = (last.row() + 1) / (double) last.rows();
                double elapsed = (System.nanoTime() - started) / 1e9;
                progress.setProgress(done);
                progressText.setText(String.format(Locale.ROOT, "row %d / %d, about %.1f s left", last.row() + 1,
                        last.rows(), elapsed / done - elapsed));
                drawFrameL1(rows);
            }
            INDArray x0 = preview.getAndSet(null);
            if (x0 != null) {
                showFrames(x0);
            }
        };
        Thread worker = new Thread(() -> {
            String outcome;
            INDArray result = null;
            try {
                SamplingRun.Result res = r.run((RowEvent e) -> {
                    pending.add(e.metrics());
                    preview.set(e.x0());
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
            String text = outcome;
            INDArray finalFrames = result;
            Platform.runLater(() -> {
                flush.run();
                if (finalFrames != null) {
                    showFrames(finalFrames);
                }
                progressText.setText(text);
                message.set(text);
                run.setDisable(false);
                cancel.setDisable(true);
                current = null;
            });
        }, "sampling-run");
        worker.setDaemon(true);
        worker.start();
    }

    private void redrawAll() {
        charts.clear();
        charts.setSignal(signal.getValue());
        for (int i = 0; i < runs.size(); i++) {
            charts.addAll(charts.start(labels.get(i)), runs.get(i));
        }
        drawFrameL1(runs.isEmpty() ? List.of() : runs.get(runs.size() - 1));
    }

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
        double cw = (frameL1.getWidth() - 12) / frameCount;
        double ch = frameL1.getHeight() / total;
        for (RowMetrics r : rows) {
            double[] values = r.signalPerFrame(name);
            for (int f = 0; f < frameCount; f++) {
                double v = values[f];
                int argb = Double.isNaN(v) || max == 0 ? 0xFFDDDDDD : PlanHeatmap.color(v / max);
                g.setFill(Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF));
                g.fillRect(f * cw, r.row() * ch, Math.ceil(cw), Math.ceil(ch));
            }
            if (r.teacacheSkip()) {
                g.setFill(Color.RED);
                g.fillRect(frameL1.getWidth() - 10, r.row() * ch, 10, Math.max(1, ch));
            }
        }
    }

    private void showFrames(INDArray x) {
        lastFrames = x;
        frames = FrameImages.pictures(x, 2).stream().map(b -> (Image) SwingFXUtils.toFXImage(b, null)).toList();
        filmstrip.getChildren().clear();
        for (Image img : frames) {
            ImageView v = new ImageView(img);
            v.setFitWidth(64);
            v.setFitHeight(64);
            filmstrip.getChildren().add(v);
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
        return charts.charts().get(0).getXYPlot().getDataset().getItemCount(series);
    }

    boolean running() {
        return current != null;
    }

    private void exportFrames(boolean gif) {
        if (lastFrames == null) {
            message.set("Run first: there are no frames to export");
            return;
        }
        var pictures = FrameImages.pictures(lastFrames, 4);
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
