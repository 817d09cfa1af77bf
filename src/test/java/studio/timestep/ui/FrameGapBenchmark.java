package studio.timestep.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.prefs.Preferences;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import studio.timestep.plan.PlanTemplate;

/**
 * Benchmark (not a test): the gaps between the window's animation pulses while a run streams
 * rows into the charts and the preview. Run it with a display (Xvfb) after {@code mvn package}:
 * {@code java -cp target/test-classes:target/classes:'target/lib/*' studio.timestep.ui.FrameGapBenchmark [steps]}.
 */
public final class FrameGapBenchmark {
    private FrameGapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        CountDownLatch done = new CountDownLatch(1);
        List<Double> gaps = new ArrayList<>();
        Platform.startup(() -> {
            CurveEditorModel model = new CurveEditorModel();
            MainWindow window = new MainWindow(model, Path.of("presets"),
                    Preferences.userRoot().node("timestep-studio-bench"));
            Stage stage = new Stage();
            stage.setScene(StudioApp.scene(window, 1440, 900));
            stage.show();
            model.editSelected(c -> c.withSteps(steps), null);
            window.planModel().useTemplate(PlanTemplate.T2V, Map.of("frames", 16), null);
            window.tabs().getSelectionModel().select(2);
            long[] last = {0};
            AnimationTimer timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (last[0] != 0 && window.runPanel().running()) {
                        gaps.add((now - last[0]) / 1e6);
                    }
                    last[0] = now;
                    if (!window.runPanel().running() && !gaps.isEmpty()) {
                        stop();
                        done.countDown();
                    }
                }
            };
            // start as a person would, once the window is up (start-up itself is not a run)
            PauseTransition settle = new PauseTransition(Duration.seconds(3));
            settle.setOnFinished(e -> {
                timer.start();
                window.runPanel().start();
            });
            settle.play();
        });
        done.await();
        List<Double> sorted = new ArrayList<>(gaps);
        sorted.sort(Double::compare);
        System.out.printf(Locale.ROOT, "frame gaps during a %d-row guided run (16 frames): %d pulses, median %.1f ms, "
                + "p99 %.1f ms, worst %.1f ms (target < 50 ms)%n", steps, sorted.size(), sorted.get(sorted.size() / 2),
                sorted.get((int) (sorted.size() * 0.99)), sorted.get(sorted.size() - 1));
        int worst = gaps.indexOf(sorted.get(sorted.size() - 1));
        List<Double> afterWarmup = new ArrayList<>(gaps.subList(Math.min(gaps.size() - 1, 60), gaps.size()));
        afterWarmup.sort(Double::compare);
        System.out.printf(Locale.ROOT, "worst gap at pulse %d; after the first second: median %.1f ms, worst %.1f ms%n",
                worst, afterWarmup.get(afterWarmup.size() / 2), afterWarmup.get(afterWarmup.size() - 1));
        Platform.exit();
        System.exit(0);
    }
}
