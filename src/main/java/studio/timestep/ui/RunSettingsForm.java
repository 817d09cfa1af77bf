package studio.timestep.ui;

import java.io.File;
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
import studio.timestep.model.Prompt;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.run.ModelSource;
import studio.timestep.run.StepCacheChoice;
import studio.timestep.run.RunModels;
import studio.timestep.sampling.ExpertGuidance;
import studio.timestep.sampling.RunSettings;
import studio.timestep.sampling.SamplerKind;
import studio.timestep.sampling.TeaCachePolynomial;

/**
 * The Run tab's form: sampler, guidance, prompts, seed and TeaCache replay, and the model (the
 * tiny Wan trained on the clips, the exact velocity of the embedded clips or a clips folder, or a
 * Wan2.1 folder). It reads its fields into the run layer's
 * types; a field that does not parse is an InvalidParameterException naming it.
 */
final class RunSettingsForm {
    static final String TINY = "Tiny Wan (trained on the clips)";
    static final String EXACT = "Exact clips (analytic reference)";
    static final String WAN = "Wan2.1 (diffusers folder)";
    static final String NO_CACHE = "none";
    static final String VIDEO_FRAMES = "frames →";
    static final String LATENT_FRAMES = "latent frames → (video frame 4·(f−1)+1)";

    private final ComboBox<SamplerKind> sampler = new ComboBox<>();
    private final TextField guidance = new TextField("5");
    private final TextField guidanceLow = new TextField("");
    private final TextField expertBoundary = new TextField("");
    private final TextArea prompts = new TextArea("red ball");
    private final TextField negative = new TextField("");
    private final TextField seed = new TextField("42");
    private final ComboBox<TeaCachePolynomial> teacache = new ComboBox<>();
    private final TextField threshold = new TextField("0.1");
    private final ComboBox<String> stepCache = new ComboBox<>();
    private final TextField cacheThreshold = new TextField("0.05");
    private final ComboBox<String> modelKind = new ComboBox<>();
    private final Label clipsLabel = new Label("Embedded moving-shape clips");
    private final Label tinyLabel = new Label("The shipped tiny model");
    private final WanModelPane wanPane;
    private final ReadOnlyStringWrapper frameAxis = new ReadOnlyStringWrapper(VIDEO_FRAMES);
    private Path clipsFolder;
    private Path tinyFolder;
    private final Runnable changedAction;

    /** {@code changed} runs on the FX thread when the model choice changes (the summary above the form follows it). */
    RunSettingsForm(StringProperty message, RunModels models, Runnable changed) {
        wanPane = new WanModelPane(message, models, changed);
        changedAction = changed;
        sampler.getItems().setAll(SamplerKind.values());
        sampler.setValue(SamplerKind.EULER);
        sampler.setId("runSampler");
        sampler.setTooltip(new Tooltip("euler: x ← x + (σ' − σ)·v\nheun: Euler, corrected by a second evaluation\n"
                + "dpmpp-2m: DPM-Solver++(2M), second order from the previous step\nunipc: UniPC bh2, as Wan's solver\n"
                + "renoise: x0 = x − σ·v, then x ← (1 − σ')·x0 + σ'·fresh noise (step-distilled models)"));
        teacache.getItems().setAll(TeaCachePolynomial.values());
        teacache.setValue(TeaCachePolynomial.IDENTITY);
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
        threshold.setTooltip(new Tooltip("TeaCache replay threshold: rows whose accumulated rescaled input L1 stays under it are "
                + "marked as a replay would skip them (nothing is skipped; see Step cache)"));
        stepCache.getItems().setAll(NO_CACHE, "teacache", "easycache", "fbcache");
        stepCache.setValue(NO_CACHE);
        stepCache.setId("runStepCache");
        stepCache.setTooltip(new Tooltip("A step cache applied for real (the tiny model and Wan): Run then makes the run without "
                + "it, then with it, and the run list gives calls computed and the error.\n"
                + "teacache: skip the blocks while Σ mean|Δe| / mean|e_prev| of the time embedding stays under the threshold "
                + "(ali-vilab/TeaCache, raw)\n"
                + "easycache: skip the call while Σ k·mean|Δx| / mean|out_prev| stays under it, k = |Δout| / |Δin| "
                + "(H-EmbodVis/EasyCache; first 10 steps computed)\n"
                + "fbcache: skip the blocks after the first while mean|Δr₁| / mean|r₁| ≤ threshold (diffusers)\n"
                + "MagCache needs calibrated ratios: `sample --cache magcache`."));
        cacheThreshold.setId("runCacheThreshold");
        cacheThreshold.setTooltip(new Tooltip("The step cache's threshold: larger skips more (and errs more)"));
        modelKind.getItems().setAll(TINY, EXACT, WAN);
        modelKind.setValue(TINY);
        modelKind.setId("runModelKind");
        modelKind.setTooltip(new Tooltip("Tiny Wan: a 1.3 M-parameter Wan transformer trained on the embedded clips by flow "
                + "matching, run by the same code as Wan2.1; no download.\n"
                + "Exact clips: the exact flow velocity of a clip collection — the ground truth errors are measured against.\n"
                + "Wan2.1: the real transformer from a diffusers folder (slow on a CPU except at small sizes)."));
        wanPane.visibleProperty().bind(modelKind.valueProperty().isEqualTo(WAN));
        wanPane.managedProperty().bind(wanPane.visibleProperty());
        prompts.disableProperty().bind(wanPane.visibleProperty());
        negative.disableProperty().bind(wanPane.visibleProperty());
        modelKind.valueProperty().addListener((o, a, b) -> {
            frameAxis.set(WAN.equals(b) ? LATENT_FRAMES : VIDEO_FRAMES);
            changed.run();
        });
    }

    /** Sampler, guidance, prompts, seed and TeaCache, in a grid. */
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
        g.addRow(r++, new Label("TeaCache replay"), teacache);
        g.addRow(r, new Label("replay threshold"), threshold);
        return g;
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
        if (wan()) {
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
                wholeNumber("seed", seed), teacache.getValue(), number("threshold", threshold), Path.of("."), experts);
    }

    /** The step cache chosen, or null for none (a threshold that is not a number is refused, naming the field). */
    StepCacheChoice stepCache() {
        return NO_CACHE.equals(stepCache.getValue()) ? null
                : StepCacheChoice.of(stepCache.getValue(), number("cache-threshold", cacheThreshold));
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
