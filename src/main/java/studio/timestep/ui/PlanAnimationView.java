package studio.timestep.ui;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.report.PlanAnimation;

/**
 * Seed 002's animated view: one bar per frame at its level, played row by row, with play/pause,
 * step, a row slider and a speed slider. It shows exactly the pictures the GIF export writes.
 */
final class PlanAnimationView extends VBox {
    static final int WIDTH = 640;
    static final int HEIGHT = 200;

    private final PlanEditorModel model;
    private final ImageView view = new ImageView();
    private final Slider row = new Slider(0, 1, 0);
    private final Slider speed = new Slider(1, 60, 8);
    private final ToggleButton play = new ToggleButton("Play");
    private final Timeline timeline = new Timeline();

    PlanAnimationView(PlanEditorModel model) {
        this.model = model;
        setSpacing(4);
        setPadding(new Insets(4, 8, 4, 8));
        row.setId("animationRow");
        row.setMajorTickUnit(1);
        row.setSnapToTicks(true);
        row.setBlockIncrement(1);
        row.setTooltip(new Tooltip("Row shown (the last position is the final state)"));
        speed.setTooltip(new Tooltip("Playback speed in rows per second"));
        play.setId("playPlan");
        play.setTooltip(new Tooltip("Play the plan row by row"));
        Button back = new Button("◀");
        back.setId("stepBack");
        back.setTooltip(new Tooltip("Previous row"));
        back.setOnAction(e -> step(-1));
        Button forward = new Button("▶");
        forward.setId("stepForward");
        forward.setTooltip(new Tooltip("Next row"));
        forward.setOnAction(e -> step(1));
        Label rowsPerSecond = new Label();
        rowsPerSecond.textProperty().bind(speed.valueProperty().asString("%.0f rows/s"));
        HBox controls = new HBox(6, play, back, forward, new Label("row"), row, new Label("speed"), speed, rowsPerSecond);
        controls.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(row, Priority.ALWAYS);
        getChildren().addAll(view, controls);

        timeline.setCycleCount(Timeline.INDEFINITE);
        speed.valueProperty().addListener((o, a, b) -> restartTimeline());
        play.selectedProperty().addListener((o, a, b) -> {
            play.setText(b ? "Pause" : "Play");
            if (b) {
                restartTimeline();
            } else {
                timeline.stop();
            }
        });
        row.valueProperty().addListener((o, a, b) -> show());
        model.stateProperty().addListener((o, a, b) -> reset());
        reset();
    }

    int shownRow() {
        return (int) Math.round(row.getValue());
    }

    private void restartTimeline() {
        timeline.stop();
        timeline.getKeyFrames().setAll(new KeyFrame(Duration.seconds(1 / speed.getValue()), e -> step(1)));
        if (play.isSelected()) {
            timeline.play();
        }
    }

    /** Moves by one row; playing wraps around after the final state. */
    void step(int delta) {
        int rows = model.plan().rows();
        int next = shownRow() + delta;
        if (next > rows) {
            next = play.isSelected() ? 0 : rows;
        }
        row.setValue(Math.max(0, next));
    }

    private void reset() {
        TimestepPlan p = model.plan();
        row.setMax(p.rows());
        row.setValue(Math.min(shownRow(), p.rows()));
        show();
    }

    private void show() {
        view.setImage(SwingFXUtils.toFXImage(PlanAnimation.render(model.plan(), shownRow(), WIDTH, HEIGHT), null));
    }
}
