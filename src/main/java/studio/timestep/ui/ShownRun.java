package studio.timestep.ui;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.image.Image;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.model.FramePreview;
import studio.timestep.sampling.RowMetrics;

/**
 * A run in the Run tab's list: made here (with what it is, for its label, and the sweep columns
 * of a sweep member) or imported from a log; its rows, colour, shown or hidden, its name (the
 * run layer's label until renamed), and its preview and frames once it finished.
 */
final class ShownRun {
    private Map<String, String> traits;
    private final Map<String, String> columns;
    private final Color color;
    private final List<RowMetrics> rows = new ArrayList<>();
    private final StringProperty name = new SimpleStringProperty();
    private final BooleanProperty visible = new SimpleBooleanProperty(true);
    private boolean renamed;
    private List<Image> pictures = List.of();
    private INDArray frames;
    private FramePreview preview;
    /** Each row's x0 estimate, kept when the model decodes its frames (a VAE), and that decoder. */
    private List<INDArray> estimates = List.of();
    private FramePreview decoder;

    /** {@code traits} empty for an imported run (its name is then its file's). */
    ShownRun(Map<String, String> traits, Map<String, String> columns, Color color, String name) {
        this.traits = Collections.unmodifiableMap(new LinkedHashMap<>(traits));
        this.columns = columns;
        this.color = color;
        this.name.set(name);
    }

    /** A trait learnt when the run ended (a cache's result). */
    void addTrait(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(traits);
        more.put(key, value);
        traits = Collections.unmodifiableMap(more);
    }

    Map<String, String> traits() {
        return traits;
    }

    /** The swept values of a sweep member; empty otherwise. */
    Map<String, String> columns() {
        return columns;
    }

    boolean imported() {
        return traits.isEmpty();
    }

    Color color() {
        return color;
    }

    javafx.scene.paint.Color fxColor() {
        return CurvePalette.fx(color);
    }

    List<RowMetrics> rows() {
        return rows;
    }

    /** The rows as the run ended them (a cached run's rows carry the cache's own decisions). */
    void replaceRows(List<RowMetrics> ended) {
        rows.clear();
        rows.addAll(ended);
    }

    StringProperty nameProperty() {
        return name;
    }

    String name() {
        return name.get();
    }

    /** A user's name stays; the run layer's label follows the runs shown beside it. */
    void rename(String newName) {
        renamed = true;
        name.set(newName);
    }

    void relabel(String label) {
        if (!renamed) {
            name.set(label);
        }
    }

    BooleanProperty visibleProperty() {
        return visible;
    }

    boolean visible() {
        return visible.get();
    }

    List<Image> pictures() {
        return pictures;
    }

    void setPictures(List<Image> shown) {
        pictures = shown;
    }

    INDArray frames() {
        return frames;
    }

    FramePreview preview() {
        return preview;
    }

    void setFrames(INDArray x, FramePreview how) {
        frames = x;
        preview = how;
    }

    void setEstimates(List<INDArray> x0, FramePreview decoder) {
        estimates = List.copyOf(x0);
        this.decoder = decoder;
    }

    /** Rows whose x0 estimate can be decoded (0 when the model has no decoder). */
    int decodableRows() {
        return decoder == null ? 0 : estimates.size();
    }

    INDArray estimate(int row) {
        return estimates.get(row);
    }

    FramePreview decoder() {
        return decoder;
    }
}
