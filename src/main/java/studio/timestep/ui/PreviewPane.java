package studio.timestep.ui;

import java.awt.image.BufferedImage;
import java.io.File;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.model.FramePreview;
import studio.timestep.report.FrameImages;
import studio.timestep.run.RunOutputs;

/**
 * The preview of a run: the x0 estimate while it runs, then its frames, as a filmstrip and a
 * player (play/pause, frames per second, loop); the frames export as PNG files or a GIF, written
 * in the background.
 */
final class PreviewPane extends VBox {
    private final StringProperty message;
    private final HBox filmstrip = new HBox(2);
    private final ImageView player = new ImageView();
    private final Timeline playback = new Timeline();
    private final Label caption = new Label();
    private final HBox controls = new HBox(6);
    private List<Image> pictures = List.of();
    private int playerFrame;
    private INDArray lastFrames;
    private FramePreview lastPreview;

    PreviewPane(StringProperty message) {
        this.message = message;
        ToggleButton play = new ToggleButton("Play");
        play.setId("previewPlay");
        Slider fps = new Slider(1, 30, 8);
        fps.setTooltip(new Tooltip("Frames per second"));
        fps.setId("previewFps");
        Label fpsValue = new Label();
        fpsValue.setId("previewFpsValue");
        fpsValue.setMinWidth(Label.USE_PREF_SIZE);
        fpsValue.textProperty().bind(Bindings.createStringBinding(() -> Math.round(fps.getValue()) + " fps",
                fps.valueProperty()));
        CheckBox loop = new CheckBox("loop");
        loop.setSelected(true);
        playback.setCycleCount(Timeline.INDEFINITE);
        Runnable restart = () -> {
            playback.stop();
            playback.getKeyFrames().setAll(new KeyFrame(Duration.seconds(1 / fps.getValue()), e -> {
                if (pictures.isEmpty()) {
                    return;
                }
                if (playerFrame + 1 >= pictures.size() && !loop.isSelected()) {
                    play.setSelected(false);
                    return;
                }
                playerFrame = (playerFrame + 1) % pictures.size();
                player.setImage(pictures.get(playerFrame));
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
        png.setOnAction(e -> exportFrames(Export.PNG));
        Button gif = new Button("Export GIF…");
        gif.setOnAction(e -> exportFrames(Export.GIF));
        Button mp4 = new Button("Export MP4…");
        mp4.setTooltip(new Tooltip("H.264 MP4 (jcodec, pure Java) at the GIF's frame rate"));
        mp4.setOnAction(e -> exportFrames(Export.MP4));
        player.setFitWidth(128);
        player.setFitHeight(128);
        player.setId("previewPlayer");
        filmstrip.setId("filmstrip");
        ScrollPane strip = new ScrollPane(filmstrip);
        strip.setPrefHeight(86);
        strip.setFitToHeight(true);
        controls.getChildren().addAll(play, fps, fpsValue, loop, png, gif, mp4);
        controls.setAlignment(Pos.CENTER_LEFT);
        caption.setWrapText(true);
        VBox right = new VBox(4, caption, strip, controls);
        HBox.setHgrow(right, Priority.ALWAYS);
        getChildren().add(new HBox(8, player, right));
        setPadding(new Insets(4, 8, 4, 8));
    }

    /** Adds controls after the export buttons (the Run tab's decode of a row's estimate). */
    void addControls(Node... nodes) {
        controls.getChildren().addAll(nodes);
    }

    void setCaption(String text) {
        caption.setText(text);
    }

    /** The final frames of a run, kept for export. */
    void setFrames(INDArray frames, FramePreview preview) {
        lastFrames = frames;
        lastPreview = preview;
    }

    /** Shows pictures (made off the FX thread) in the filmstrip and the player, reusing the views. */
    void show(List<Image> shown) {
        pictures = shown;
        if (filmstrip.getChildren().size() != shown.size()) {
            filmstrip.getChildren().clear();
            for (int i = 0; i < shown.size(); i++) {
                ImageView v = new ImageView();
                v.setFitWidth(PreviewPictures.WIDTH);
                v.setFitHeight(PreviewPictures.WIDTH);
                filmstrip.getChildren().add(v);
            }
        }
        for (int i = 0; i < shown.size(); i++) {
            ((ImageView) filmstrip.getChildren().get(i)).setImage(shown.get(i));
        }
        playerFrame = Math.max(0, Math.min(playerFrame, shown.size() - 1));
        player.setImage(shown.isEmpty() ? null : shown.get(playerFrame));
    }

    List<Image> pictures() {
        return pictures;
    }

    int pictureCount() {
        return pictures.size();
    }

    private enum Export { PNG, GIF, MP4 }

    private void exportFrames(Export kind) {
        if (lastFrames == null) {
            message.set("Run first: there are no frames to export");
            return;
        }
        File target;
        if (kind != Export.PNG) {
            String ext = kind == Export.GIF ? "gif" : "mp4";
            FileChooser c = new FileChooser();
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(java.util.Locale.ROOT), "*." + ext));
            target = c.showSaveDialog(getScene().getWindow());
        } else {
            target = new DirectoryChooser().showDialog(getScene().getWindow());
        }
        if (target == null) {
            return;
        }
        INDArray frames = lastFrames;
        FramePreview preview = lastPreview;
        message.set("Exporting to " + target.getName() + "…");
        FileTask.start("frames-export", () -> {
            INDArray pixels = preview.rgb(frames);
            List<BufferedImage> images = FrameImages.pictures(pixels, FrameImages.scaleFor(pixels, RunOutputs.FRAME_WIDTH));
            switch (kind) {
                case GIF -> FrameImages.writeGif(images, target.toPath(), RunOutputs.GIF_FPS);
                case MP4 -> FrameImages.writeMp4(images, target.toPath(), RunOutputs.GIF_FPS);
                default -> FrameImages.writePngs(images, target.toPath());
            }
        }, () -> message.set("Exported " + target.getName()), reason -> message.set("Cannot export: " + reason));
    }
}
