package studio.timestep.ui;

import java.io.File;
import javafx.beans.property.StringProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import studio.timestep.report.CacheSweepFigure;
import studio.timestep.report.Figure;

/** A cache sweep's figure (error against speed-up in model calls, one point per threshold), with PNG/SVG export. */
final class CacheSweepDialog {
    static final int WIDTH = 760;
    static final int HEIGHT = 460;

    private CacheSweepDialog() {
    }

    static void show(Node owner, CacheSweepFigure figure, StringProperty message) {
        ImageView view = new ImageView(SwingFXUtils.toFXImage(Figure.image(figure, WIDTH, HEIGHT, Figure.SCREEN_DPI), null));
        view.setId("cacheSweepFigure");
        view.setUserData(figure);
        Button save = new Button("Export figure…");
        save.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PNG", "*.png"), new FileChooser.ExtensionFilter("SVG", "*.svg"));
            File f = c.showSaveDialog(owner.getScene().getWindow());
            if (f != null) {
                FileTask.start("cache-sweep-export", () -> Figure.write(figure, f.toPath(), WIDTH, HEIGHT, 144),
                        () -> message.set("Saved " + f.getName()), reason -> message.set("Cannot save: " + reason));
            }
        });
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Cache sweep");
        d.getDialogPane().setContent(new VBox(8, view, save));
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.initOwner(owner.getScene().getWindow());
        d.show();
    }
}
