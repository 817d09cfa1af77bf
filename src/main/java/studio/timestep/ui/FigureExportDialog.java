package studio.timestep.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.param.ParameterRange;

/** Asks where and how large to write a figure: PNG (at a DPI) or SVG, width and height in points. */
final class FigureExportDialog {
    /** What the user chose. */
    record Choice(Path file, int width, int height, double dpi) {
    }

    private static final ParameterRange SIZE = ParameterRange.closed("size", 100, 20_000);
    private static final ParameterRange DPI = ParameterRange.closed("dpi", 24, 1200);

    private FigureExportDialog() {
    }

    static Optional<Choice> ask(Node owner, String name, int width, int height) {
        TextField w = new TextField(Integer.toString(width));
        TextField h = new TextField(Integer.toString(height));
        TextField dpi = new TextField("144");
        w.setId("figureWidth");
        h.setId("figureHeight");
        dpi.setId("figureDpi");
        dpi.setTooltip(new Tooltip("PNG pixels = points × DPI / 96; SVG is vector and ignores it"));
        GridPane g = FormGrid.create();
        g.addRow(0, new Label("width (points)"), w);
        g.addRow(1, new Label("height (points)"), h);
        g.addRow(2, new Label("DPI (PNG)"), dpi);
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Export figure");
        d.setHeaderText("Size of the figure; the next step chooses a .png or .svg file");
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.initOwner(owner.getScene().getWindow());
        if (d.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            return Optional.empty();
        }
        int width2 = SIZE.checkInt(number("width", w));
        int height2 = SIZE.checkInt(number("height", h));
        double dpi2 = DPI.check(number("dpi", dpi));
        FileChooser c = new FileChooser();
        c.setTitle("Export figure");
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PNG", "*.png"),
                new FileChooser.ExtensionFilter("SVG", "*.svg"));
        c.setInitialFileName(name + ".png");
        File f = c.showSaveDialog(owner.getScene().getWindow());
        return f == null ? Optional.empty() : Optional.of(new Choice(f.toPath(), width2, height2, dpi2));
    }

    private static int number(String field, TextField f) {
        try {
            return (int) Math.round(Double.parseDouble(f.getText().trim()));
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(field, "'" + f.getText().trim() + "' is not a number");
        }
    }
}
