package studio.timestep.ui;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYDataset;
import studio.timestep.io.AtomicFiles;
import studio.timestep.report.Figure;
import studio.timestep.report.L1Charts;
import studio.timestep.report.SeriesColors;
import studio.timestep.report.SweepFigure;
import studio.timestep.run.RunLabels;
import studio.timestep.run.RunOutputs;
import studio.timestep.sampling.RowMetrics;

/**
 * The runs of the session and their charts: the run list, the seeds' three L1 panels with the
 * shown runs overlaid (or, for the newest sweep, its small multiples: a row per facet value,
 * coloured by a swept parameter), and the per-frame L1 heatmap of the selected run. While a run
 * streams, one chart is redrawn per pulse and the heatmap a few times a second.
 */
final class RunChartsPane extends VBox {
    static final String OVERLAY = "Overlay";
    static final String SWEEP = "Sweep figure";
    /** Legends are shown while they are short; past this the run list is the legend. */
    static final int MAX_LEGEND_RUNS = 3;

    private final ObservableList<ShownRun> runs = FXCollections.observableArrayList();
    private final L1Charts charts = new L1Charts("guided");
    private final List<ChartViewer> overlayViewers = new ArrayList<>();
    private final ComboBox<String> signal = new ComboBox<>();
    private final ComboBox<String> view = new ComboBox<>();
    private final ComboBox<String> colour = new ComboBox<>();
    private final ComboBox<String> facet = new ComboBox<>();
    private final SweepFigureView sweepView = new SweepFigureView();
    private final FrameL1HeatmapView heatmap = new FrameL1HeatmapView(520, 190);
    private final RunListPane list;
    private final PulseBudget budget;
    private final Consumer<String> message;
    /** The runs of the newest sweep, in job order. */
    private final List<ShownRun> sweep = new ArrayList<>();
    private final Map<ShownRun, Integer> seriesOf = new HashMap<>();
    /** Charts with rows not drawn yet; one is drawn per pulse, none in a pulse spent elsewhere. */
    private final boolean[] dirty = new boolean[3];
    private int nextRedraw;
    private long lastHeatmap;
    private boolean streaming;
    private int colours;
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
                    if (streaming) {
                        charts.charts().get(i).setNotify(false);
                    }
                    nextRedraw = i + 1;
                    return;
                }
            }
            if (!streaming) {
                stop(); // the charts' final redraws (with point markers) are done, one per pulse
            }
        }
    };

    /**
     * {@code busy}: while a queue runs, runs cannot be removed (rows are still coming);
     * {@code selected} is told of the run selected in the list; {@code importLog} and
     * {@code exportCsv} are the list's file actions.
     */
    RunChartsPane(PulseBudget budget, ObservableBooleanValue busy, Consumer<ShownRun> selected, Runnable importLog,
                  Consumer<ShownRun> exportCsv, Runnable exportCallback, Consumer<String> message) {
        super(6);
        this.budget = budget;
        this.message = message;
        list = new RunListPane(runs, importLog, exportCsv, exportCallback);
        signal.getItems().setAll(L1Charts.SIGNALS);
        signal.setValue("guided");
        signal.setId("runSignal");
        signal.setTooltip(new Tooltip("latent: relative L1 of x between rows, mean|x_r+1 − x_r| / mean|x_r|\n"
                + "cond: of the conditional prediction between rows\nguided: of the guided prediction "
                + "v_neg + w·(v_cond − v_neg) between rows"));
        signal.valueProperty().addListener((o, a, b) -> redrawAll());
        view.getItems().setAll(OVERLAY, SWEEP);
        view.setValue(OVERLAY);
        view.setId("runView");
        view.setTooltip(new Tooltip("Overlay: the shown runs in three panels. Sweep figure: the newest sweep as small "
                + "multiples, a row of panels per facet value"));
        colour.setId("sweepColour");
        facet.setId("sweepFacet");
        colour.setTooltip(new Tooltip("The swept parameter that colours the runs inside a panel"));
        facet.setTooltip(new Tooltip("The swept parameter that makes the rows (any other swept parameter splits them too)"));
        Label colourLabel = new Label("colour");
        Label facetLabel = new Label("rows");
        for (var node : List.of(colour, facet, colourLabel, facetLabel)) {
            node.visibleProperty().bind(view.valueProperty().isEqualTo(SWEEP));
            node.managedProperty().bind(node.visibleProperty());
        }
        view.valueProperty().addListener((o, a, b) -> showSweep());
        colour.setOnAction(e -> showSweep());
        facet.setOnAction(e -> showSweep());
        Button export = new Button("Export figure…");
        export.setId("exportFigure");
        export.setTooltip(new Tooltip("The figure on view (the overlay or the sweep figure) as PNG at a DPI, or SVG"));
        export.setOnAction(e -> exportFigure());
        Button clear = new Button("Clear runs");
        clear.setId("clearRuns");
        clear.setOnAction(e -> runs.clear());
        clear.disableProperty().bind(busy);
        list.list().getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            drawHeatmap();
            if (b != null) {
                selected.accept(b);
            }
        });
        runs.addListener((ListChangeListener<ShownRun>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(r -> r.visibleProperty().addListener((o, a, b) -> {
                    rebuildOverlay();
                    showSweep();
                }));
                sweep.removeAll(c.getRemoved());
            }
            relabel();
            rebuildOverlay();
            showSweep();
        });
        HBox top = new HBox(8, new Label("L1 signal"), signal, new Label("view"), view, colourLabel, colour, facetLabel,
                facet, export, clear);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox overlay = new HBox(4);
        for (var chart : charts.charts()) {
            ChartViewer v = new ChartViewer(chart);
            v.setPrefSize(360, 280);
            v.setMinSize(200, 180);
            HBox.setHgrow(v, Priority.ALWAYS);
            overlayViewers.add(v);
            overlay.getChildren().add(v);
        }
        overlay.setId("overlayCharts");
        StackPane area = new StackPane(overlay, sweepView);
        overlay.visibleProperty().bind(view.valueProperty().isEqualTo(OVERLAY));
        sweepView.visibleProperty().bind(view.valueProperty().isEqualTo(SWEEP));
        HBox.setHgrow(area, Priority.ALWAYS);
        HBox middle = new HBox(4, list, area);
        VBox.setVgrow(middle, Priority.ALWAYS);
        getChildren().addAll(top, middle, heatmap);
        drawHeatmap();
        setPadding(new Insets(8));
    }

    ObservableList<ShownRun> runs() {
        return runs;
    }

    /** Adds a run about to stream (a sweep member when {@code columns} is not empty) and selects it. */
    ShownRun start(Map<String, String> traits, Map<String, String> columns) {
        ShownRun run = new ShownRun(traits, columns, SeriesColors.categorical(colours++), RunLabels.of(traits));
        if (!columns.isEmpty()) {
            sweep.add(run);
        }
        runs.add(run);
        list.list().getSelectionModel().select(run);
        return run;
    }

    /** Adds a run imported from a log. */
    ShownRun addImported(String name, List<RowMetrics> rows) {
        ShownRun run = new ShownRun(Map.of(), Map.of(), SeriesColors.categorical(colours++), name);
        run.rows().addAll(rows);
        runs.add(run);
        list.list().getSelectionModel().select(run);
        return run;
    }

    /** The newest sweep's runs still in the list, in job order. */
    List<ShownRun> sweepRuns() {
        return List.copyOf(sweep);
    }

    /** A new sweep replaces the newest one in the sweep figure. */
    void sweepStarted() {
        sweep.clear();
    }

    void add(ShownRun run, List<RowMetrics> rows) {
        run.rows().addAll(rows);
        Integer series = seriesOf.get(run);
        if (series != null) {
            charts.addAll(series, rows);
            Arrays.fill(dirty, true);
        }
        RowMetrics last = rows.get(rows.size() - 1);
        long now = System.nanoTime();
        if (selectedOrNewest() == run && (now - lastHeatmap > RunController.LIVE_REDRAW_NANOS || last.row() + 1 == last.rows())) {
            lastHeatmap = now;
            drawHeatmap();
            budget.spend();
        }
    }

    /** While rows stream in, charts redraw from the pulse timer, lines only (markers are most of a redraw). */
    void setStreaming(boolean on) {
        streaming = on;
        charts.setStreaming(on);
        if (on) {
            charts.charts().forEach(c -> c.setNotify(false));
            chartRedraw.start();
        } else {
            // the three charts redraw with their markers one per pulse (all in one pulse was the run's worst frame gap)
            Arrays.fill(dirty, true);
            drawHeatmap();
            budget.spend();
            showSweep();
        }
    }

    /** A sweep member finished: the sweep figure follows (it is not redrawn row by row). */
    void runEnded() {
        showSweep();
    }

    ShownRun selectedOrNewest() {
        ShownRun s = list.selected();
        return s != null ? s : runs.isEmpty() ? null : runs.get(runs.size() - 1);
    }

    private void relabel() {
        List<ShownRun> made = runs.stream().filter(r -> !r.imported()).toList();
        if (!made.isEmpty()) {
            List<String> labels = RunLabels.of(made.stream().map(ShownRun::traits).toList());
            for (int i = 0; i < made.size(); i++) {
                made.get(i).relabel(labels.get(i));
            }
        }
    }

    private void rebuildOverlay() {
        charts.clear();
        charts.setSignal(signal.getValue());
        seriesOf.clear();
        List<ShownRun> shown = runs.stream().filter(ShownRun::visible).toList();
        for (ShownRun r : shown) {
            int series = charts.start(r.name());
            charts.setColor(series, r.color());
            charts.addAll(series, r.rows());
            seriesOf.put(r, series);
        }
        charts.setLegendsVisible(shown.size() <= MAX_LEGEND_RUNS);
        if (streaming) {
            Arrays.fill(dirty, true);
        }
    }

    private void redrawAll() {
        rebuildOverlay();
        drawHeatmap();
        showSweep();
    }

    /** Rebuilds the sweep figure from the newest sweep's shown runs, when it is on view. */
    private void showSweep() {
        List<ShownRun> members = sweep.stream().filter(ShownRun::visible).filter(r -> !r.rows().isEmpty()).toList();
        List<String> keys = sweep.isEmpty() ? List.of() : new ArrayList<>(sweep.get(0).columns().keySet());
        if (!colour.getItems().equals(keys)) {
            colour.getItems().setAll(keys);
            facet.getItems().setAll(keys);
        }
        if (!SWEEP.equals(view.getValue())) {
            return;
        }
        if (members.isEmpty()) {
            sweepView.showEmpty(sweep.isEmpty() ? "Run a sweep to see it here as small multiples."
                    : "The sweep's runs are hidden or have no rows yet.");
            return;
        }
        List<SweepFigure.Member> m = members.stream().map(r -> new SweepFigure.Member(r.columns(), r.rows())).toList();
        if (colour.getValue() == null || !keys.contains(colour.getValue())) {
            colour.setValue(SweepFigure.defaultColour(m));
        }
        if (facet.getValue() == null || !keys.contains(facet.getValue())) {
            facet.setValue(SweepFigure.defaultFacet(m, colour.getValue()));
        }
        sweepView.show(SweepFigure.of(m, colour.getValue(), facet.getValue(), signal.getValue()));
    }

    private void drawHeatmap() {
        ShownRun r = selectedOrNewest();
        heatmap.draw(r == null ? List.of() : r.rows(), signal.getValue());
    }

    /** The figure on view, as the L1 charts it draws (overlay: one row; sweep: a row per facet). */
    List<L1Charts> figureRows() {
        if (SWEEP.equals(view.getValue()) && sweepView.figure() != null) {
            return sweepView.figure().rows();
        }
        return List.of(charts);
    }

    /** The figure on view: the overlay's three panels, or the sweep figure. */
    Figure figure() {
        return SWEEP.equals(view.getValue()) && sweepView.figure() != null ? sweepView.figure() : charts;
    }

    /** Asks for a size and a file; draws here (the charts are the window's) and writes in the background. */
    private void exportFigure() {
        Figure f = figure();
        boolean sweepFigure = f instanceof SweepFigure;
        int width = sweepFigure ? ((SweepFigure) f).width(RunOutputs.SWEEP_PANEL_WIDTH) : 1440;
        int height = sweepFigure ? ((SweepFigure) f).height(RunOutputs.SWEEP_PANEL_HEIGHT) : 420;
        try {
            FigureExportDialog.ask(this, sweepFigure ? "sweep" : "l1", width, height).ifPresent(c -> {
                byte[] bytes;
                try {
                    bytes = Figure.bytes(f, c.file(), c.width(), c.height(), c.dpi());
                } catch (IOException e) {
                    message.accept("Cannot export: " + e.getMessage());
                    return;
                }
                FileTask.start("figure-export", () -> AtomicFiles.writeBytes(c.file(), bytes),
                        () -> message.accept("Exported " + c.file().getFileName()),
                        reason -> message.accept("Cannot export: " + reason));
            });
        } catch (IllegalArgumentException e) {
            message.accept("Cannot export: " + e.getMessage());
        }
    }

    ComboBox<String> view() {
        return view;
    }

    SweepFigureView sweepView() {
        return sweepView;
    }

    RunListPane list() {
        return list;
    }

    int seriesCount() {
        return charts.charts().get(0).getXYPlot().getDataset().getSeriesCount();
    }

    /** Series shown in each of the three overlay charts. */
    List<Integer> seriesCounts() {
        return charts.charts().stream().map(c -> c.getXYPlot().getDataset().getSeriesCount()).toList();
    }

    int rowsInSeries(int series) {
        XYDataset data = charts.charts().get(0).getXYPlot().getDataset();
        return series < data.getSeriesCount() ? data.getItemCount(series) : 0;
    }

    /** The label a series shows in the legend. */
    String seriesLabel(int series) {
        return charts.legend(series);
    }

    FrameL1HeatmapView heatmap() {
        return heatmap;
    }
}
