package studio.timestep.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
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
import studio.timestep.run.RunException;
import studio.timestep.run.RunModels;
import studio.timestep.run.RunRequest;
import studio.timestep.run.ShiftTune;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.FlowShiftCurve;

/**
 * Curve ▸ Best shift table…: the best flow shift by steps × frames (what {@code optimize --table}
 * prints) for the Run tab's model, sampler and guidance and the selected curve's convention, one
 * cell at a time with the error-vs-shift search of {@link ShiftTune}. A finished cell is a button
 * that adds its flow-shift curve to the workspace. The table answers for this model only.
 */
final class BestShiftTableDialog {
    private BestShiftTableDialog() {
    }

    static void open(Node owner, CurveEditorModel model, CurveSetup base, RunRequest request, RunModels models) {
        TextField steps = field("bestShiftTableSteps", "10, 20, 50", "Table rows: step counts");
        TextField frames = field("bestShiftTableFrames", "1, 16", "Table columns: video frame counts");
        TextField seeds = field("bestShiftTableSeeds", "1, 2", "The error is averaged over these seeds and the Run tab's prompts");
        GridPane form = FormGrid.create();
        form.addRow(0, new Label("steps"), steps);
        form.addRow(1, new Label("frames"), frames);
        form.addRow(2, new Label("seeds"), seeds);
        GridPane table = new GridPane();
        table.setId("bestShiftTable");
        table.setHgap(8);
        table.setVgap(4);
        Label status = new Label(String.format(Locale.ROOT, "For %s, %s, %s, guidance %s; the error is Σ|x − x_ref| / Σ|x_ref| "
                        + "against Heun, %d steps, from the same noise. The answer holds for this model only.",
                request.model().label(), base.convention().id(), request.settings().sampler().id(),
                request.settings().guidance(), ShiftTune.REFERENCE_STEPS));
        status.setId("bestShiftTableStatus");
        status.setWrapText(true);
        status.setPrefWidth(520);
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Best shift table");
        d.setHeaderText("Which flow shift for which steps and frames?");
        d.getDialogPane().setContent(new VBox(8, form, status, table));
        ButtonType compute = new ButtonType("Compute", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(compute, ButtonType.CLOSE);
        d.initOwner(owner.getScene().getWindow());
        AtomicBoolean cancelled = new AtomicBoolean();
        Button start = (Button) d.getDialogPane().lookupButton(compute);
        start.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // the dialog stays open while the table fills
            List<Integer> stepList;
            List<Integer> frameList;
            List<Long> seedList;
            try {
                stepList = numbers(steps.getText()).stream().map(Math::toIntExact).toList();
                frameList = numbers(frames.getText()).stream().map(Math::toIntExact).toList();
                seedList = numbers(seeds.getText());
            } catch (NumberFormatException | ArithmeticException ex) {
                status.setText("steps, frames and seeds: whole numbers separated by commas");
                return;
            }
            List<ShiftTune.Task> tasks = new ArrayList<>();
            try {
                for (int s : stepList) {
                    for (int f : frameList) {
                        tasks.add(new ShiftTune.Task(request.model(), request.model().planFrames(f), s, base.convention(),
                                request.settings(), seedList));
                    }
                }
            } catch (RunException | IllegalArgumentException ex) {
                status.setText(ex.getMessage());
                return;
            }
            Button[][] cells = layout(table, stepList, frameList);
            start.setDisable(true);
            for (TextField t : List.of(steps, frames, seeds)) {
                t.setDisable(true);
            }
            Thread worker = new Thread(() -> fill(tasks, frameList, cells, model, request, base, models, status, cancelled),
                    "best-shift-table");
            worker.setDaemon(true);
            worker.start();
        });
        d.setOnHidden(e -> cancelled.set(true));
        d.show();
    }

    private static TextField field(String id, String text, String tip) {
        TextField f = new TextField(text);
        f.setId(id);
        f.setTooltip(new Tooltip(tip));
        return f;
    }

    private static List<Long> numbers(String text) {
        List<Long> list = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Long::parseLong).toList();
        if (list.isEmpty()) {
            throw new NumberFormatException("empty");
        }
        return list;
    }

    /** Header row of frame counts, a row per step count, a disabled button per cell until its shift is found. */
    private static Button[][] layout(GridPane table, List<Integer> steps, List<Integer> frames) {
        table.getChildren().clear();
        table.add(new Label("steps \\ frames"), 0, 0);
        for (int j = 0; j < frames.size(); j++) {
            table.add(new Label(frames.get(j) + " frames"), j + 1, 0);
        }
        Button[][] cells = new Button[steps.size()][frames.size()];
        for (int i = 0; i < steps.size(); i++) {
            table.add(new Label(steps.get(i) + " steps"), 0, i + 1);
            for (int j = 0; j < frames.size(); j++) {
                Button cell = new Button("waiting");
                cell.setId("bestShiftCell-" + i + "-" + j);
                cell.setDisable(true);
                cell.setMaxWidth(Double.MAX_VALUE);
                cells[i][j] = cell;
                table.add(cell, j + 1, i + 1);
            }
        }
        return cells;
    }

    private static void fill(List<ShiftTune.Task> tasks, List<Integer> frames, Button[][] cells, CurveEditorModel model,
                             RunRequest request, CurveSetup base, RunModels models, Label status, AtomicBoolean cancelled) {
        for (int k = 0; k < tasks.size() && !cancelled.get(); k++) {
            ShiftTune.Task task = tasks.get(k);
            Button cell = cells[k / frames.size()][k % frames.size()];
            int videoFrames = frames.get(k % frames.size());
            String where = String.format(Locale.ROOT, "cell %d of %d (%d steps, %d frames)", k + 1, tasks.size(), task.steps(),
                    videoFrames);
            Platform.runLater(() -> {
                cell.setText("searching…");
                status.setText(where + ": the reference runs first");
            });
            ShiftTune.Result r;
            try {
                r = ShiftTune.tune(task, models, p -> Platform.runLater(() -> status.setText(String.format(Locale.ROOT,
                        "%s: tried shift %.3g, error %.4g", where, p.shift(), p.error()))), cancelled::get);
            } catch (RunException | IllegalArgumentException ex) {
                Platform.runLater(() -> {
                    cell.setText("failed");
                    status.setText("Stopped at " + where + ": " + ex.getMessage());
                });
                return;
            }
            if (cancelled.get()) {
                return;
            }
            String name = String.format(Locale.ROOT, "Best shift %.3g (%d steps, %d frames, %s)", r.bestShift(), task.steps(),
                    videoFrames, request.model().label());
            CurveSetup found = new CurveSetup(name, new FlowShiftCurve(r.bestShift()), base.convention(), task.steps(), true);
            Platform.runLater(() -> {
                cell.setText(String.format(Locale.ROOT, "s = %.3g · error %.3g (s = 5: %.3g)", r.bestShift(), r.bestError(),
                        r.errorNear(5)));
                cell.setTooltip(new Tooltip("Add the flow-shift curve s = " + String.format(Locale.ROOT, "%.3g", r.bestShift())
                        + " with " + task.steps() + " steps to the workspace"));
                cell.setDisable(false);
                cell.setOnAction(e -> {
                    model.addCurves(List.of(found));
                    model.messageProperty().set("Added " + name);
                });
            });
        }
        if (!cancelled.get()) {
            Platform.runLater(() -> status.setText("Done. Click a cell to add its curve. The answer holds for "
                    + request.model().label() + " only."));
        }
    }
}
