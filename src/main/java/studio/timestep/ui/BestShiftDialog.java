package studio.timestep.ui;

import java.text.DecimalFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import studio.timestep.run.RunException;
import studio.timestep.run.RunModels;
import studio.timestep.run.RunRequest;
import studio.timestep.run.ShiftTune;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.FlowShiftCurve;

/**
 * Curve ▸ Best shift…: the flow shift whose run (the selected curve's steps and convention, the
 * Run tab's model and settings, the Plan tab's frame count) ends closest to a fine reference run
 * from the same noise, averaged over seeds; the error-vs-shift curve grows as shifts are tried,
 * and the best becomes a flow-shift curve in the workspace.
 */
final class BestShiftDialog {
    private BestShiftDialog() {
    }

    static void open(Node owner, CurveEditorModel model, CurveSetup base, RunRequest request, RunModels models) {
        TextField seeds = new TextField("1, 2");
        seeds.setId("bestShiftSeeds");
        seeds.setTooltip(new Tooltip("The error is averaged over these seeds and the Run tab's prompts"));
        XYSeries points = new XYSeries("relative L1 error", true, false);
        JFreeChart chart = ChartFactory.createXYLineChart(null, "flow shift s", "Σ|x − x_ref| / Σ|x_ref|",
                new XYSeriesCollection(points), PlotOrientation.VERTICAL, false, true, false);
        LogAxis shiftAxis = new LogAxis("flow shift s (log)");
        shiftAxis.setSmallestValue(0.1);
        shiftAxis.setNumberFormatOverride(new DecimalFormat("0.##")); // 0.5, 1, 5, 24 rather than 10^-0.3
        XYPlot plot = CurveChartsView.style(chart);
        shiftAxis.setLabelFont(plot.getRangeAxis().getLabelFont());
        plot.setDomainAxis(shiftAxis);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setPrefSize(480, 260);
        Label status = new Label(String.format(Locale.ROOT, "%d steps (%s), %d frames, %s; reference: Heun, %d steps from the same "
                + "noise. The answer holds for this model only.", base.steps(), base.convention().id(), request.plan().frames(),
                request.model().label(), ShiftTune.REFERENCE_STEPS));
        status.setId("bestShiftStatus");
        status.setWrapText(true);
        GridPane g = FormGrid.create();
        g.addRow(0, new Label("seeds"), seeds);
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Best shift");
        d.setHeaderText("Which flow shift for " + base.steps() + " steps?");
        d.getDialogPane().setContent(new VBox(8, g, status, viewer));
        ButtonType find = new ButtonType("Find", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(find, ButtonType.CANCEL);
        d.initOwner(owner.getScene().getWindow());
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<Thread> worker = new AtomicReference<>();
        Button start = (Button) d.getDialogPane().lookupButton(find);
        start.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // the dialog stays open while shifts are tried
            List<Long> seedList;
            ShiftTune.Task task;
            try {
                seedList = Arrays.stream(seeds.getText().split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(Long::parseLong).toList();
                task = new ShiftTune.Task(request.model(), request.plan().frames(), base.steps(), base.convention(),
                        request.settings(), seedList);
            } catch (NumberFormatException ex) {
                status.setText("seeds: whole numbers separated by commas");
                return;
            } catch (RunException ex) {
                status.setText(ex.getMessage());
                return;
            }
            start.setDisable(true);
            seeds.setDisable(true);
            points.clear();
            status.setText("Running the reference (Heun, " + ShiftTune.REFERENCE_STEPS + " steps) for each seed and prompt, "
                    + "then one run per shift…");
            Thread t = new Thread(() -> {
                try {
                    ShiftTune.Result r = ShiftTune.tune(task, models, p -> Platform.runLater(() -> {
                        points.add(p.shift(), p.error());
                        status.setText(String.format(Locale.ROOT, "tried shift %.3g: error %.4g", p.shift(), p.error()));
                    }), cancelled::get);
                    String name = String.format(Locale.ROOT, "Best shift %.3g (%d steps, %d frames, %s)", r.bestShift(), base.steps(),
                            task.frames(), request.model().label());
                    CurveSetup found = new CurveSetup(name, new FlowShiftCurve(r.bestShift()), base.convention(), base.steps(), true);
                    Platform.runLater(() -> {
                        model.addCurves(List.of(found));
                        model.messageProperty().set(String.format(Locale.ROOT, "Added %s: error %.4g (shift 5: %.4g)", name,
                                r.bestError(), r.errorNear(5)));
                        d.setResult(ButtonType.OK);
                        d.close();
                    });
                } catch (RunException | IllegalArgumentException ex) {
                    Platform.runLater(() -> {
                        status.setText("Stopped: " + ex.getMessage());
                        worker.set(null);
                        start.setDisable(false);
                        seeds.setDisable(false);
                    });
                }
            }, "best-shift");
            t.setDaemon(true);
            worker.set(t);
            t.start();
        });
        d.setOnCloseRequest(e -> {
            if (worker.get() != null && d.getResult() != ButtonType.OK) {
                cancelled.set(true);
            }
        });
        d.show();
    }
}
