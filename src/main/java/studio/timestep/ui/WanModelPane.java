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
import studio.timestep.model.VelocityModel;
import studio.timestep.model.wan.WanTransformer;
import studio.timestep.model.wan.WanVelocityModel;
import studio.timestep.model.wan.WanVideoSize;
import studio.timestep.model.wan.WanWeights;

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
    private final Runnable onChecked;
    private volatile WanTransformer transformer;
    /** Counts checks, so that only the latest one's result is shown when several overlap. */
    private int checks;

    /** {@code onChecked} runs on the FX thread after each check, passed or not. */
    WanModelPane(StringProperty message, Runnable onChecked) {
        super(6);
        this.message = message;
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
        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(5);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        g.getColumnConstraints().add(labels);
        g.addRow(0, new Label("width"), width);
        g.addRow(1, new Label("height"), height);
        g.addRow(2, new Label("prompt"), new HBox(4, promptEmbeds, browse(promptEmbeds)));
        g.addRow(3, new Label("negative"), new HBox(4, negativeEmbeds, browse(negativeEmbeds)));
        HBox.setHgrow(promptEmbeds, Priority.ALWAYS);
        HBox.setHgrow(negativeEmbeds, Priority.ALWAYS);
        getChildren().addAll(folder, new HBox(6, choose, recheck), bf16, report, g,
                new Label("Plan frames are latent frames: a plan of f frames is a video of 4·(f−1)+1 frames."));
        ((Label) getChildren().get(getChildren().size() - 1)).setWrapText(true);
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
        String text = folder.getText().trim();
        if (text.isEmpty()) {
            report.setText("No Wan folder chosen.");
            return;
        }
        report.setText("Checking " + text + " …");
        String variant = bf16.isSelected() ? "bf16" : null;
        int check = ++checks;
        Thread t = new Thread(() -> {
            String result;
            WanTransformer loaded = null;
            try {
                WanWeights weights = WanWeights.open(Path.of(text), variant, null);
                loaded = new WanTransformer(weights);
                result = "OK — ready to run.\n" + String.join("\n", weights.describe());
            } catch (FileFormatException | RuntimeException e) {
                result = "Cannot use this folder:\n" + e.getMessage();
            }
            WanTransformer ready = loaded;
            String shown = result;
            Platform.runLater(() -> {
                if (check != checks) {
                    return;
                }
                transformer = ready;
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

    String summary() {
        return transformer == null ? "Wan2.1 (no checked folder yet)" : "Wan2.1 (" + transformer.config().dim() + " dim, "
                + transformer.config().layers() + " layers) at " + width.getText().trim() + "×" + height.getText().trim();
    }

    /**
     * Makes models for plans of a number of latent frames with this pane's current settings (read
     * now, on the FX thread); an exception names what is missing.
     */
    java.util.function.IntFunction<VelocityModel> factory() {
        WanTransformer t = transformer;
        if (t == null) {
            throw new IllegalArgumentException("choose a Wan folder and wait for its check to pass");
        }
        int w;
        int h;
        try {
            w = Integer.parseInt(width.getText().trim());
            h = Integer.parseInt(height.getText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("width and height must be whole numbers of pixels");
        }
        new WanVideoSize(w, h, 1); // checks width and height now, not when the run starts
        return latentFrames -> new WanVelocityModel(t, new WanVideoSize(w, h, 4 * (latentFrames - 1) + 1), Path.of(""));
    }

    List<String> prompts() {
        List<String> files = promptEmbeds.getText().lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("Wan needs the prompt's umT5 embeddings file (prompt)");
        }
        return files;
    }

    String negative() {
        return negativeEmbeds.getText().trim();
    }
}
