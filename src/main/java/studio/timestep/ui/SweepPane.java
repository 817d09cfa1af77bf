package studio.timestep.ui;

import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import studio.timestep.run.ModelSource;
import studio.timestep.run.RunJob;
import studio.timestep.run.Sweep;
import studio.timestep.sampling.RunSettings;
import studio.timestep.schedule.GridConvention;

/** The sweep fields (comma-separated steps, shifts, video frames) and their buttons. */
final class SweepPane extends VBox {
    private final TextField steps = new TextField("10,20,50");
    private final TextField shifts = new TextField("3,7,11");
    private final TextField frames = new TextField("1,9,17");
    final Button run = new Button("Run sweep");
    private final ComboBox<SeedFigure> presets = new ComboBox<>();

    /** The seed articles' three figure sets: steps, then shifts, then frames varied alone. */
    enum SeedFigure {
        STEPS("steps 10/20/50 at shift 7, frames 1", "10,20,50", "7", "1"),
        SHIFTS("shift 1/3/7/11/17 at 20 steps", "20", "1,3,7,11,17", "1"),
        FRAMES("frames 1/9/17/33 at 20 steps, shift 7", "20", "7", "1,9,17,33");

        final String label;
        final String steps;
        final String shifts;
        final String frames;

        SeedFigure(String label, String steps, String shifts, String frames) {
            this.label = label;
            this.steps = steps;
            this.shifts = shifts;
            this.frames = frames;
        }

        @Override
        public String toString() {
            return label;
        }
    }
    final Button save = new Button("Save sweep CSV…");

    SweepPane() {
        super(8);
        GridPane g = FormGrid.create();
        g.addRow(0, new Label("steps"), steps);
        g.addRow(1, new Label("shifts"), shifts);
        g.addRow(2, new Label("frames"), frames);
        steps.setId("sweepSteps");
        shifts.setId("sweepShifts");
        frames.setId("sweepFrames");
        frames.setTooltip(new Tooltip("Video frames; with Wan, 4k + 1 (the plan gets the latent frames they make)"));
        run.setId("runSweep");
        run.setTooltip(new Tooltip("Flow shift × steps × frames, synchronous T2V under euler-sigmas, one series each "
                + "(the same runs as the command line's sweep)"));
        save.setId("saveSweep");
        presets.getItems().setAll(SeedFigure.values());
        presets.setPromptText("the seeds' figures…");
        presets.setId("sweepPreset");
        presets.setMaxWidth(Double.MAX_VALUE);
        presets.setTooltip(new Tooltip("Fill the fields with one of the seed articles' comparisons"));
        presets.setOnAction(e -> {
            SeedFigure f = presets.getValue();
            if (f != null) {
                steps.setText(f.steps);
                shifts.setText(f.shifts);
                frames.setText(f.frames);
            }
        });
        getChildren().addAll(presets, g, new HBox(6, run, save));
    }

    /** The sweep's jobs with the form's model and settings; a field that does not parse names itself. */
    List<RunJob> jobs(ModelSource model, RunSettings settings) {
        return new Sweep(Sweep.parseInts("steps", steps.getText()), Sweep.parseDoubles("shift", shifts.getText()),
                Sweep.parseInts("frames", frames.getText()), GridConvention.EULER_SIGMAS, model, settings).jobs();
    }
}
