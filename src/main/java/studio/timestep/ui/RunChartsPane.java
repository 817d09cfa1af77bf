package studio.timestep.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYDataset;
import studio.timestep.report.L1Charts;
import studio.timestep.run.RunLabels;
import studio.timestep.sampling.RowMetrics;

/**
 * The seeds' three L1 panels with a series per run shown (labelled by what sets each run apart
 * from the others shown), the signal choice, and the per-frame L1 heatmap of the newest run.
 * While a run streams, one chart is redrawn per pulse and the heatmap a few times a second.
 */
final class RunChartsPane extends VBox {
    private final L1Charts charts = new L1Charts("guided");
    private final ComboBox<String> signal = new ComboBox<>();
    private final FrameL1HeatmapView heatmap = new FrameL1HeatmapView(420, 180);
    private final PulseBudget budget;
    /** Charts with rows not drawn yet; one is drawn per pulse, none in a pulse spent elsewhere. */
    private final boolean[] dirty = new boolean[3];
    private int nextRedraw;
    private long lastHeatmap;
    private final AnimationTimer chartRedraw = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (budget.consume()) {
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

    /** A run shown: what it is (for its label) and its rows so far. */
    private record Shown(Map<String, String> traits, List<RowMetrics> rows) {
    }

    private final List<Shown> shown = new ArrayList<>();

    /** {@code busy}: while a queue runs, the runs shown cannot be cleared (rows are still coming). */
    RunChartsPane(PulseBudget budget, ObservableBooleanValue busy) {
        super(6);
        this.budget = budget;
        signal.getItems().setAll(L1Charts.SIGNALS);
        signal.setValue("guided");
        signal.setId("runSignal");
        signal.setTooltip(new Tooltip("latent: relative L1 of x between rows, mean|x_r+1 − x_r| / mean|x_r|\n"
                + "cond: of the conditional prediction between rows\nguided: of the guided prediction "
                + "v_neg + w·(v_cond − v_neg) between rows"));
        signal.valueProperty().addListener((o, a, b) -> redrawAll());
        Button clear = new Button("Clear runs");
        clear.setId("clearRuns");
        clear.setOnAction(e -> clear());
        clear.disableProperty().bind(busy);
        HBox top = new HBox(8, new Label("L1 signal"), signal, clear, new Label("Right-click a chart to save it as PNG."));
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
        getChildren().addAll(top, row, heat, heatmap);
        setPadding(new Insets(8));
        VBox.setVgrow(row, Priority.ALWAYS);
    }

    /** Adds a series for a run about to stream; returns its index. Every shown run's label is renewed. */
    int start(Map<String, String> traits) {
        shown.add(new Shown(traits, new ArrayList<>()));
        int index = charts.start("");
        relabel();
        return index;
    }

    void add(int series, List<RowMetrics> rows) {
        shown.get(series).rows().addAll(rows);
        charts.addAll(series, rows);
        Arrays.fill(dirty, true);
        RowMetrics last = rows.get(rows.size() - 1);
        long now = System.nanoTime();
        if (now - lastHeatmap > RunController.LIVE_REDRAW_NANOS || last.row() + 1 == last.rows()) {
            lastHeatmap = now;
            heatmap.draw(shown.get(series).rows(), signal.getValue());
            budget.spend();
        }
    }

    /** While rows stream in, charts redraw from the pulse timer, lines only (markers are most of a redraw). */
    void setStreaming(boolean streaming) {
        charts.setStreaming(streaming);
        charts.charts().forEach(c -> c.setNotify(!streaming));
        if (streaming) {
            chartRedraw.start();
        } else {
            chartRedraw.stop();
            drawHeatmap();
        }
    }

    void clear() {
        shown.clear();
        redrawAll();
    }

    int seriesCount() {
        return charts.charts().get(0).getXYPlot().getDataset().getSeriesCount();
    }

    int rowsInSeries(int series) {
        XYDataset data = charts.charts().get(0).getXYPlot().getDataset();
        return series < data.getSeriesCount() ? data.getItemCount(series) : 0;
    }

    /** The label a series shows in the legend. */
    String seriesLabel(int series) {
        return charts.legend(series);
    }

    private void relabel() {
        if (!shown.isEmpty()) {
            charts.relabel(RunLabels.of(shown.stream().map(Shown::traits).toList()));
        }
    }

    private void redrawAll() {
        charts.clear();
        charts.setSignal(signal.getValue());
        for (Shown s : shown) {
            charts.addAll(charts.start(""), s.rows());
        }
        relabel();
        drawHeatmap();
    }

    private void drawHeatmap() {
        heatmap.draw(shown.isEmpty() ? List.of() : shown.get(shown.size() - 1).rows(), signal.getValue());
    }
}
