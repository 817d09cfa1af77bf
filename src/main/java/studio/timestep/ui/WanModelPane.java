package studio.timestep.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import studio.timestep.io.FileFormatException;
import studio.timestep.model.Prompt;
import studio.timestep.model.wan.WanPipelineFolder;
import studio.timestep.model.wan.WanTransformer;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.run.ModelSource;
import studio.timestep.run.RunModels;

/**
 * The Wan2.1 model choice: a diffusers folder, checked in the background (config class,
 * dimensions, every tensor present with its shape) with the report shown before a run may
 * start; the video size; and the umT5 embedding files of the prompt and the negative prompt.
 */
final class WanModelPane extends VBox {
    private final TextField folder = new TextField();
    private final CheckBox bf16 = new CheckBox("BF16 weights (.bf16 files)");
    private final TextField width = new TextField("832");
    private final TextField height = new TextField("480");
    private final TextField promptEmbeds = new TextField();
    private final TextField negativeEmbeds = new TextField();
    private final TextArea report = new TextArea("No Wan folder chosen.");
    private final StringProperty message;
    private final RunModels models;
    private final Runnable onChecked;
    /** The folder that passed the latest check, with the weights variant it was checked with (FX thread only). */
    private Path checkedFolder;
    private String checkedVariant;
    private WanTransformer transformer;
    /** Whether the checked folder is a pipeline with its tokenizer and text encoder (prompts as text), and with its VAE. */
    private final javafx.beans.property.BooleanProperty takesText = new javafx.beans.property.SimpleBooleanProperty();
    private boolean decodes;
    /** Counts checks, so that only the latest one's result is shown when several overlap. */
    private int checks;

    /** {@code onChecked} runs on the FX thread after each check, passed or not. */
    WanModelPane(StringProperty message, RunModels models, Runnable onChecked) {
        super(6);
        this.message = message;
        this.models = models;
        this.onChecked = onChecked;
        setId("wanModelPane");
        folder.setId("wanFolder");
        folder.setPromptText("transformer folder");
        folder.setTooltip(new Tooltip("A diffusers Wan2.1 transformer folder (config.json and diffusion_pytorch_model*.safetensors),"
                + "\nor the pipeline folder that has it under transformer/"));
        folder.setOnAction(e -> check());
        Button choose = new Button("Choose folder…");
        choose.setOnAction(e -> {
            File d = new DirectoryChooser().showDialog(getScene().getWindow());
            if (d != null) {
                folder.setText(d.getPath());
                check();
            }
        });
        Button recheck = new Button("Check again");
        recheck.setId("wanCheck");
        recheck.setOnAction(e -> check());
        bf16.setOnAction(e -> check());
        width.setId("wanWidth");
        height.setId("wanHeight");
        width.setTooltip(new Tooltip("Video width in pixels, a multiple of 16; the latent is W/8 wide"));
        height.setTooltip(new Tooltip("Video height in pixels, a multiple of 16; the latent is H/8 high"));
        promptEmbeds.setId("wanPromptEmbeds");
        negativeEmbeds.setId("wanNegativeEmbeds");
        promptEmbeds.setTooltip(new Tooltip("umT5 embeddings of the prompt, [L, 4096] in a .safetensors file (README shows how "
                + "to write one);\none file per line for plans with several prompts"));
        negativeEmbeds.setTooltip(new Tooltip("umT5 embeddings of the negative prompt, needed when guidance > 1"));
        report.setId("wanReport");
        report.setEditable(false);
        report.setWrapText(true);
        report.setPrefRowCount(5);
        GridPane g = FormGrid.create();
        g.addRow(0, new Label("width"), width);
        g.addRow(1, new Label("height"), height);
        g.addRow(2, new Label("prompt"), new HBox(4, promptEmbeds, browse(promptEmbeds)));
        g.addRow(3, new Label("negative"), new HBox(4, negativeEmbeds, browse(negativeEmbeds)));
        HBox.setHgrow(promptEmbeds, Priority.ALWAYS);
        HBox.setHgrow(negativeEmbeds, Priority.ALWAYS);
        Label frames = new Label("Plan frames are latent frames: a plan of f frames is a video of 4·(f−1)+1 frames.");
        frames.setWrapText(true);
        getChildren().addAll(folder, new HBox(6, choose, recheck), bf16, report, g, frames);
    }

    private Button browse(TextField target) {
        Button b = new Button("…");
        b.setTooltip(new Tooltip("Choose a .safetensors file"));
        b.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter("safetensors", "*.safetensors"));
            File f = c.showOpenDialog(getScene().getWindow());
            if (f != null) {
                target.setText(f.getPath());
            }
        });
        return b;
    }

    /** Opens and checks the folder off the FX thread; the report says what was found or what is wrong. */
    void check() {
        transformer = null;
        checkedFolder = null;
        String text = folder.getText().trim();
        if (text.isEmpty()) {
            report.setText("No Wan folder chosen.");
            return;
        }
        report.setText("Checking " + text + " …");
        Path dir = Path.of(text);
        String variant = bf16.isSelected() ? "bf16" : null;
        int check = ++checks;
        Thread t = new Thread(() -> {
            String result;
            WanTransformer loaded = null;
            try {
                loaded = models.transformer(dir, variant);
                result = "OK — ready to run.\n" + String.join("\n", loaded.weights().describe()) + "\n"
                        + RunModels.pipelineParts(dir, loaded.config()).describe();
            } catch (FileFormatException | RuntimeException e) {
                loaded = null;
                result = "Cannot use this folder:\n" + e.getMessage();
            }
            WanTransformer ready = loaded;
            String shown = result;
            Platform.runLater(() -> {
                if (check != checks) {
                    return;
                }
                transformer = ready;
                checkedFolder = ready == null ? null : dir;
                takesText.set(ready != null && WanPipelineFolder.hasText(dir));
                decodes = ready != null && WanPipelineFolder.vae(dir) != null;
                checkedVariant = variant;
                report.setText(shown);
                message.set(ready != null ? "Wan model checked" : "Wan model: " + shown.lines().skip(1).findFirst().orElse(""));
                onChecked.run();
            });
        }, "wan-check");
        t.setDaemon(true);
        t.start();
    }

    boolean ready() {
        return transformer != null;
    }

    /** Whether prompts are text (a checked pipeline folder with tokenizer and text encoder). */
    javafx.beans.property.ReadOnlyBooleanProperty takesTextProperty() {
        return takesText;
    }

    /** Whether a run's final frames are decoded (a checked pipeline folder with its VAE). */
    boolean decodes() {
        return decodes;
    }

    /** Whether embeddings files were given (they are used even when the pipeline takes text). */
    boolean hasEmbeddings() {
        return !promptEmbeds.getText().isBlank();
    }

    String summary() {
        return transformer == null ? "Wan2.1 (no checked folder yet)" : "Wan2.1 (" + transformer.config().dim() + " dim, "
                + transformer.config().layers() + " layers) at " + width.getText().trim() + "×" + height.getText().trim();
    }

    /** The checked folder at this pane's video size; an exception names what is missing. */
    ModelSource.WanFolder source() {
        if (checkedFolder == null) {
            throw new InvalidParameterException("model", "choose a Wan folder and wait for its check to pass");
        }
        return new ModelSource.WanFolder(checkedFolder, checkedVariant, pixels("width", width), pixels("height", height));
    }

    private static int pixels(String field, TextField f) {
        try {
            return Integer.parseInt(f.getText().trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(field, "'" + f.getText().trim() + "' is not a whole number of pixels");
        }
    }

    /** The prompt's embeddings files, one per line. */
    List<Prompt> prompts() {
        List<Prompt> files = promptEmbeds.getText().lines().map(String::trim).filter(s -> !s.isEmpty())
                .map(p -> (Prompt) new Prompt.Embeddings(Path.of(p))).toList();
        if (files.isEmpty()) {
            throw new InvalidParameterException("prompt", "this Wan folder has no tokenizer/ and text_encoder/: it needs the "
                    + "prompt's umT5 embeddings file");
        }
        return files;
    }

    /** The negative prompt's embeddings file, or none. */
    Prompt negative() {
        String file = negativeEmbeds.getText().trim();
        return file.isEmpty() ? Prompt.NONE : new Prompt.Embeddings(Path.of(file));
    }
}
