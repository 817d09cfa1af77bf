package studio.timestep.ui;

import java.util.List;
import javafx.scene.control.Button;
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
        getChildren().addAll(g, new HBox(6, run, save));
    }

    /** The sweep's jobs with the form's model and settings; a field that does not parse names itself. */
    List<RunJob> jobs(ModelSource model, RunSettings settings) {
        return new Sweep(Sweep.parseInts("steps", steps.getText()), Sweep.parseDoubles("shift", shifts.getText()),
                Sweep.parseInts("frames", frames.getText()), GridConvention.EULER_SIGMAS, model, settings).jobs();
    }
}
