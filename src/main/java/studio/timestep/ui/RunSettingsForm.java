package studio.timestep.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import studio.timestep.io.AtomicFiles;
import studio.timestep.io.MagRatiosFile;
import studio.timestep.io.PresetLibrary;
import studio.timestep.model.Prompt;
import studio.timestep.model.wan.WanTeaCache;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.run.ModelSource;
import studio.timestep.run.StepCacheChoice;
import studio.timestep.run.RunModels;
import studio.timestep.sampling.ExpertGuidance;
import studio.timestep.sampling.RunSettings;
import studio.timestep.sampling.SamplerKind;

/**
 * The Run tab's form: sampler, guidance, prompts, seed and step cache, and the model (the
 * tiny Wan trained on the clips, the exact velocity of the embedded clips or a clips folder, or a
 * Wan2.1 folder). It reads its fields into the run layer's
 * types; a field that does not parse is an InvalidParameterException naming it.
 */
final class RunSettingsForm {
    static final String TINY = "Tiny Wan (trained on the clips)";
    static final String EXACT = "Exact clips (analytic reference)";
    static final String WAN = "Wan2.1 (diffusers folder)";
    static final String NO_CACHE = "none";
    /** MagCache's ratios calibrated for the shipped tiny model (any step count by MagCache's interpolation). */
    static final String SHIPPED_MAG_RATIOS = "caches/tiny-wan-mag-ratios-50steps.json";
    static final String VIDEO_FRAMES = "frames →";
    static final String LATENT_FRAMES = "latent frames → (video frame 4·(f−1)+1)";

    private final ComboBox<SamplerKind> sampler = new ComboBox<>();
    private final TextField guidance = new TextField("5");
    private final TextField guidanceLow = new TextField("");
    private final TextField expertBoundary = new TextField("");
    private final TextArea prompts = new TextArea("red ball");
    private final TextField negative = new TextField("");
    private final TextField seed = new TextField("42");
    private final ComboBox<String> stepCache = new ComboBox<>();
    private final TextField cacheThreshold = new TextField("0.05");
    private final TextField magcacheK = new TextField("2");
    private final TextField magcacheRetention = new TextField("0.2");
    private final Label magRatiosLabel = new Label("ratios: none yet (Calibrate, or a File…)");
    private final Button calibrateMagCache = new Button("Calibrate");
    private final Button saveMagRatios = new Button("Save…");
    private double[] magRatios;
    private final ComboBox<String> modelKind = new ComboBox<>();
    private final Label clipsLabel = new Label("Embedded moving-shape clips");
    private final Label tinyLabel = new Label("The shipped tiny model");
    private final WanModelPane wanPane;
    private final ReadOnlyStringWrapper frameAxis = new ReadOnlyStringWrapper(VIDEO_FRAMES);
    private Path clipsFolder;
    private Path tinyFolder;
    private final Runnable changedAction;
    private final StringProperty message;

    /** {@code changed} runs on the FX thread when the model choice changes (the summary above the form follows it). */
    RunSettingsForm(StringProperty message, RunModels models, Runnable changed) {
        this.message = message;
        wanPane = new WanModelPane(message, models, changed);
        changedAction = changed;
        sampler.getItems().setAll(SamplerKind.values());
        sampler.setValue(SamplerKind.EULER);
        sampler.setId("runSampler");
        sampler.setTooltip(new Tooltip("euler: x ← x + (σ' − σ)·v\nheun: Euler, corrected by a second evaluation\n"
                + "dpmpp-2m: DPM-Solver++(2M), second order from the previous step\nunipc: UniPC bh2, as Wan's solver\n"
                + "renoise: x0 = x − σ·v, then x ← (1 − σ')·x0 + σ'·fresh noise (step-distilled models)"));
        guidance.setId("runGuidance");
        guidance.setTooltip(new Tooltip("Classifier-free guidance w: v = v_neg + w·(v_cond − v_neg). 1 = one evaluation, no guidance."));
        guidanceLow.setId("runGuidanceLow");
        guidanceLow.setPromptText("one expert");
        guidanceLow.setTooltip(new Tooltip("Two experts (Wan2.2 A14B): the low-noise expert's guidance, for rows whose timestep "
                + "t < boundary·1000; the guidance above is then the high-noise expert's. Empty: one expert."));
        expertBoundary.setId("runExpertBoundary");
        expertBoundary.setPromptText("e.g. 0.875");
        expertBoundary.setTooltip(new Tooltip("Where the low-noise expert takes over: t < boundary·1000 (Wan2.2 T2V 0.875, "
                + "I2V 0.9). The run list names the row of the switch."));
        prompts.setId("runPrompts");
        prompts.setPrefRowCount(2);
        prompts.setTooltip(new Tooltip("One prompt per line, for each prompt of the plan (prompt-blend plans use two)."
                + "\nThe tiny and exact models read caption words: colours, shapes (ball, square, ring), moving, directions, bouncing."));
        negative.setId("runNegative");
        negative.setTooltip(new Tooltip("Negative prompt: guidance pushes away from it"));
        seed.setId("runSeed");
        stepCache.getItems().setAll(NO_CACHE, "teacache", "magcache", "easycache", "fbcache");
        stepCache.setValue(NO_CACHE);
        stepCache.setId("runStepCache");
        stepCache.setTooltip(new Tooltip("A step cache applied for real (the tiny model and Wan): Run then makes the run without "
                + "it, then with it, and the run list gives calls computed and the error.\n"
                + "teacache: skip the blocks while Σ mean|Δe| / mean|e_prev| of the time embedding stays under the threshold "
                + "(ali-vilab/TeaCache, raw)\n"
                + "easycache: skip the call while Σ k·mean|Δx| / mean|out_prev| stays under it, k = |Δout| / |Δin| "
                + "(H-EmbodVis/EasyCache; first 10 steps computed)\n"
                + "magcache: skip the blocks while Σ|1 − Π ratio| of the calibrated output-residual magnitude ratios stays "
                + "under the threshold, at most K in a row, after the first retention·calls (Zehong-Ma/MagCache)\n"
                + "fbcache: skip the blocks after the first while mean|Δr₁| / mean|r₁| ≤ threshold (diffusers)"));
        cacheThreshold.setId("runCacheThreshold");
        cacheThreshold.setTooltip(new Tooltip("The step cache's threshold: larger skips more (and errs more)"));
        magcacheK.setId("runMagCacheK");
        magcacheK.setTooltip(new Tooltip("MagCache: most calls skipped in a row (K)"));
        magcacheRetention.setId("runMagCacheRetention");
        magcacheRetention.setTooltip(new Tooltip("MagCache: the fraction of calls always computed at the start"));
        magRatiosLabel.setId("runMagRatios");
        magRatiosLabel.setWrapText(true);
        calibrateMagCache.setId("runCalibrateMagCache");
        calibrateMagCache.setTooltip(new Tooltip("Run the plan once with the next seed, every call computed, and record the "
                + "ratio mean‖r_t‖₂ / ‖r_{t−1}‖₂ of the blocks' output residuals at each call (MagCache's calibration); "
                + "ratios for N steps serve M steps by MagCache's nearest interpolation"));
        saveMagRatios.setId("runSaveMagRatios");
        saveMagRatios.setTooltip(new Tooltip("Save the ratios as MagCache's mag_ratios JSON array (for its ComfyUI and diffusers "
                + "nodes, or `sample --magcache-ratios`)"));
        saveMagRatios.setDisable(true);
        modelKind.getItems().setAll(TINY, EXACT, WAN);
        modelKind.setValue(TINY);
        modelKind.setId("runModelKind");
        modelKind.setTooltip(new Tooltip("Tiny Wan: a 1.3 M-parameter Wan transformer trained on the embedded clips by flow "
                + "matching, run by the same code as Wan2.1; no download.\n"
                + "Exact clips: the exact flow velocity of a clip collection — the ground truth errors are measured against.\n"
                + "Wan2.1: the real transformer from a diffusers folder (slow on a CPU except at small sizes)."));
        wanPane.visibleProperty().bind(modelKind.valueProperty().isEqualTo(WAN));
        wanPane.managedProperty().bind(wanPane.visibleProperty());
        // a Wan pipeline with its tokenizer and text encoder takes these prompts as text
        prompts.disableProperty().bind(wanPane.visibleProperty().and(wanPane.takesTextProperty().not()));
        negative.disableProperty().bind(wanPane.visibleProperty().and(wanPane.takesTextProperty().not()));
        modelKind.valueProperty().addListener((o, a, b) -> {
            frameAxis.set(WAN.equals(b) ? LATENT_FRAMES : VIDEO_FRAMES);
            changed.run();
        });
    }

    /** Sampler, guidance, prompts, seed and step cache, in a grid. */
    Node settingsGrid() {
        GridPane g = FormGrid.create();
        int r = 0;
        g.addRow(r++, new Label("sampler"), sampler);
        g.addRow(r++, new Label("guidance"), guidance);
        g.addRow(r++, new Label("low-noise guidance"), guidanceLow);
        g.addRow(r++, new Label("expert boundary"), expertBoundary);
        g.add(new Label("prompts"), 0, r);
        g.add(prompts, 1, r++);
        g.addRow(r++, new Label("negative"), negative);
        g.addRow(r++, new Label("seed"), seed);
        g.addRow(r++, new Label("step cache"), stepCache);
        g.addRow(r++, new Label("cache threshold"), cacheThreshold);
        g.add(magCacheSettings(), 0, r, 2, 1);
        return g;
    }

    /** MagCache's K, retention and ratios (chosen from a file or calibrated), shown while it is the step cache. */
    private Node magCacheSettings() {
        GridPane g = FormGrid.create();
        Button choose = new Button("File…");
        choose.setTooltip(new Tooltip("A mag_ratios JSON array (MagCache's, or one saved here), for any step count"));
        choose.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("MagCache ratios (*.json)", "*.json"));
            File f = chooser.showOpenDialog(choose.getScene().getWindow());
            if (f != null) {
                loadMagRatios(f.toPath());
            }
        });
        saveMagRatios.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("mag_ratios.json");
            File f = chooser.showSaveDialog(saveMagRatios.getScene().getWindow());
            if (f != null) {
                saveMagRatios(f.toPath());
            }
        });
        g.addRow(0, new Label("MagCache K"), magcacheK);
        g.addRow(1, new Label("retention"), magcacheRetention);
        VBox box = new VBox(6, g, magRatiosLabel, new HBox(6, calibrateMagCache, choose, saveMagRatios));
        box.visibleProperty().bind(stepCache.valueProperty().isEqualTo("magcache"));
        box.managedProperty().bind(box.visibleProperty());
        Path shipped = PresetLibrary.defaultDirectory().resolve(SHIPPED_MAG_RATIOS);
        if (Files.isRegularFile(shipped)) {
            loadMagRatios(shipped);
        }
        return box;
    }

    /** Reads a ratios file in the background; a malformed one is refused in the status line and the ratios stay. */
    void loadMagRatios(Path file) {
        FileTask.read("read-mag-ratios", () -> MagRatiosFile.read(file), ratios -> useMagRatios(ratios,
                "ratios: " + ratios.length + " from " + file.getFileName()), problem -> message.set("MagCache ratios not read: " + problem));
    }

    /** Takes ratios (a calibration's, or a file's) for MagCache runs; {@code source} says where they came from. */
    void useMagRatios(double[] ratios, String source) {
        magRatios = ratios.clone();
        magRatiosLabel.setText(source);
        saveMagRatios.setDisable(false);
    }

    private void saveMagRatios(Path file) {
        String json = MagRatiosFile.json(magRatios);
        FileTask.start("save-mag-ratios", () -> AtomicFiles.writeString(file, json),
                () -> message.set("Saved " + magRatios.length + " MagCache ratios to " + file),
                problem -> message.set("MagCache ratios not saved: " + problem));
    }

    /** The Calibrate button (the panel runs the calibration). */
    Button calibrateMagCacheButton() {
        return calibrateMagCache;
    }

    /** The model choice: the tiny model (shipped or trained), the exact clips (or a folder of clips), or a Wan folder. */
    Node modelSection() {
        Button tinyChoose = new Button("Model folder…");
        tinyChoose.setTooltip(new Tooltip("A tiny model the train command wrote (model_index.json, transformer/, text_encoder/)"));
        tinyChoose.setOnAction(e -> {
            File d = new DirectoryChooser().showDialog(tinyChoose.getScene().getWindow());
            if (d != null) {
                tinyFolder = d.toPath();
                tinyLabel.setText("Tiny model from " + d.getName());
                changedAction.run();
            }
        });
        Button shipped = new Button("Shipped");
        shipped.setOnAction(e -> {
            tinyFolder = null;
            tinyLabel.setText("The shipped tiny model");
            changedAction.run();
        });
        tinyLabel.setWrapText(true);
        VBox tinyBox = new VBox(6, tinyLabel, new HBox(6, shipped, tinyChoose));
        tinyBox.visibleProperty().bind(modelKind.valueProperty().isEqualTo(TINY));
        tinyBox.managedProperty().bind(tinyBox.visibleProperty());
        Button folder = new Button("Clips folder…");
        folder.setTooltip(new Tooltip("Use your own clips: sub-folders of PNG frames or GIF files, captioned by name"));
        folder.setOnAction(e -> {
            File d = new DirectoryChooser().showDialog(folder.getScene().getWindow());
            if (d != null) {
                clipsFolder = d.toPath();
                clipsLabel.setText("Clips from " + d.getName());
            }
        });
        Button embedded = new Button("Embedded");
        embedded.setOnAction(e -> {
            clipsFolder = null;
            clipsLabel.setText("Embedded moving-shape clips");
        });
        Button train = new Button("Train a tiny model…");
        train.setId("trainTiny");
        train.setTooltip(new Tooltip("Train a tiny Wan on these clips (flow matching, per-frame noise levels); "
                + "it becomes the Run tab's model when it ends"));
        train.setOnAction(e -> TrainDialog.open(train, clipsFolder, this::useTinyModel));
        clipsLabel.setWrapText(true);
        VBox clipsBox = new VBox(6, clipsLabel, new HBox(6, embedded, folder), train);
        clipsBox.visibleProperty().bind(modelKind.valueProperty().isEqualTo(EXACT));
        clipsBox.managedProperty().bind(clipsBox.visibleProperty());
        return new VBox(8, modelKind, tinyBox, clipsBox, wanPane);
    }

    /** Runs the tiny model of {@code folder} (one the train dialog wrote). */
    void useTinyModel(Path folder) {
        tinyFolder = folder;
        tinyLabel.setText("Tiny model from " + folder.getFileName());
        modelKind.setValue(TINY);
        changedAction.run();
    }

    boolean wan() {
        return WAN.equals(modelKind.getValue());
    }

    /** Whether a run's final frames are decoded (a Wan pipeline with its VAE). */
    boolean decodes() {
        return wan() && wanPane.decodes();
    }

    /** The model the form names; a Wan folder that has not passed its check is refused. */
    ModelSource modelSource() {
        if (wan()) {
            return wanPane.source();
        }
        return TINY.equals(modelKind.getValue()) ? new ModelSource.TinyModel(tinyFolder)
                : new ModelSource.EmbeddedClips(ModelSource.EmbeddedClips.DEFAULT.clips(), ModelSource.EmbeddedClips.DEFAULT.size(),
                clipsFolder);
    }

    RunSettings settings() {
        List<Prompt> given;
        Prompt negativePrompt;
        if (wan() && (!wanPane.takesTextProperty().get() || wanPane.hasEmbeddings())) {
            given = wanPane.prompts();
            negativePrompt = wanPane.negative();
        } else {
            given = prompts.getText().lines().map(String::trim).filter(s -> !s.isEmpty())
                    .map(t -> (Prompt) new Prompt.Text(t)).toList();
            if (given.isEmpty()) {
                given = List.of(Prompt.NONE);
            }
            negativePrompt = new Prompt.Text(negative.getText().trim());
        }
        ExpertGuidance experts = null;
        if (!guidanceLow.getText().isBlank() || !expertBoundary.getText().isBlank()) {
            experts = new ExpertGuidance(number("expert-boundary", expertBoundary), number("guidance-low", guidanceLow));
        }
        return new RunSettings(sampler.getValue(), number("guidance", guidance), given, negativePrompt,
                wholeNumber("seed", seed), Path.of("."), experts);
    }

    /** The step cache chosen, or null for none (a field that is not a number is refused, naming it). */
    StepCacheChoice stepCache() {
        String method = stepCache.getValue();
        if (NO_CACHE.equals(method)) {
            return null;
        }
        double threshold = number("cache-threshold", cacheThreshold);
        if (!method.equals("magcache")) {
            return StepCacheChoice.of(method, threshold);
        }
        if (magRatios == null) {
            throw new InvalidParameterException("magcache ratios", "none yet: press Calibrate, or choose a ratios file");
        }
        return new StepCacheChoice(method, threshold, WanTeaCache.Coefficients.RAW.rescale(),
                (int) wholeNumber("magcache-k", magcacheK), number("magcache-retention", magcacheRetention), magRatios);
    }

    /** What the model is, in one phrase. */
    String summary() {
        if (TINY.equals(modelKind.getValue())) {
            return tinyFolder == null ? "the shipped tiny Wan (trained on the embedded clips)" : "the tiny Wan of "
                    + tinyFolder.getFileName();
        }
        return wan() ? wanPane.summary() : clipsFolder == null
                ? "the exact model of the embedded clips (" + ModelSource.EmbeddedClips.DEFAULT.clips() + " moving-shape clips, "
                + ModelSource.EmbeddedClips.DEFAULT.size() + "×" + ModelSource.EmbeddedClips.DEFAULT.size() + ")"
                : "the clips of " + clipsFolder.getFileName();
    }

    ReadOnlyStringProperty frameAxisProperty() {
        return frameAxis.getReadOnlyProperty();
    }

    ComboBox<String> modelKind() {
        return modelKind;
    }

    WanModelPane wanPane() {
        return wanPane;
    }

    private static double number(String field, TextField f) {
        try {
            return Double.parseDouble(f.getText().trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(field, "'" + f.getText().trim() + "' is not a number");
        }
    }

    private static long wholeNumber(String field, TextField f) {
        try {
            return Long.parseLong(f.getText().trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(field, "'" + f.getText().trim() + "' is not a whole number");
        }
    }
}
