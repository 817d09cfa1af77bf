package studio.timestep.ui;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import studio.timestep.run.OptimalSteps;
import studio.timestep.run.RunException;
import studio.timestep.run.RunModels;
import studio.timestep.run.RunRequest;
import studio.timestep.sampling.SamplingRun;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.ManualSchedule;

/**
 * Curve ▸ Optimal steps…: the selected curve's grid is the teacher (run with the Run tab's model
 * and settings on the Plan tab's frame count); the N of its levels that best reproduce it come back
 * as a new manual curve. The teacher's run shows its progress and can be cancelled.
 */
final class OptimalStepsDialog {
    private OptimalStepsDialog() {
    }

    /** @param teacher the synchronous t2v request on {@code base} with the Run tab's model and settings */
    static void open(Node owner, CurveEditorModel model, CurveSetup base, RunRequest teacher, RunModels models) {
        int k = teacher.plan().rows();
        Spinner<Integer> steps = new Spinner<>(1, k, Math.min(10, k));
        steps.setId("ossSteps");
        steps.setEditable(true);
        steps.setTooltip(new Tooltip("The student's step count N ≤ the teacher's " + k));
        ProgressBar progress = new ProgressBar(0);
        progress.setMaxWidth(Double.MAX_VALUE);
        Label status = new Label("The teacher is " + base.name() + " at " + k + " steps, with the Run tab's model and settings.");
        status.setWrapText(true);
        GridPane g = FormGrid.create();
        g.addRow(0, new Label("student steps"), steps);
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Optimal steps");
        d.setHeaderText("Choose the N of " + base.name() + "'s levels that best reproduce its run (OSS)");
        d.getDialogPane().setContent(new VBox(8, g, status, progress));
        ButtonType run = new ButtonType("Find", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(run, ButtonType.CANCEL);
        d.initOwner(owner.getScene().getWindow());
        AtomicReference<SamplingRun> teacherRun = new AtomicReference<>();
        AtomicReference<Thread> worker = new AtomicReference<>();
        Button find = (Button) d.getDialogPane().lookupButton(run);
        find.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // the dialog stays open while the teacher runs
            if (worker.get() != null) {
                return;
            }
            int n = steps.getValue();
            find.setDisable(true);
            steps.setDisable(true);
            Thread t = new Thread(() -> {
                try {
                    OptimalSteps.Result r = OptimalSteps.search(teacher, n, models, teacherRun::set,
                            row -> Platform.runLater(() -> progress.setProgress((row + 1) / (double) k)));
                    String name = String.format(Locale.ROOT, "OSS %d of %d (%s)", n, k, base.name());
                    CurveSetup found = new CurveSetup(name, new ManualSchedule(r.sigmas()), GridConvention.EULER_SIGMAS, n,
                            true);
                    Platform.runLater(() -> {
                        model.addCurves(List.of(found));
                        model.messageProperty().set(String.format(Locale.ROOT, "Added %s: cost %.3g (uniform %.3g)", name,
                                r.cost(), r.uniformCost()));
                        d.setResult(ButtonType.OK);
                        d.close();
                    });
                } catch (RunException | IllegalArgumentException ex) {
                    Platform.runLater(() -> {
                        status.setText("Stopped: " + ex.getMessage());
                        worker.set(null);
                        find.setDisable(false);
                        steps.setDisable(false);
                    });
                }
            }, "optimal-steps");
            t.setDaemon(true);
            worker.set(t);
            t.start();
        });
        d.setOnCloseRequest(e -> {
            SamplingRun r = teacherRun.get();
            if (r != null && worker.get() != null && d.getResult() != ButtonType.OK) {
                r.cancel();
            }
        });
        d.show();
    }
}
