package studio.timestep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.timestep.io.SafetensorsWriter;
import studio.timestep.plan.PlanTemplate;

/** Choosing a Wan folder in the run panel: its check report, the latent frame axis, and a run of the tiny model. */
@ExtendWith(ApplicationExtension.class)
class WanRunUiTest {
    private static final Path TINY = Path.of("..", "shared", "golden", "wan", "tiny").toAbsolutePath();
    private MainWindow window;
    private Preferences prefs;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        prefs = Preferences.userRoot().node("timestep-studio-test/" + System.nanoTime());
        window = new MainWindow(new CurveEditorModel(), Path.of("presets"), prefs);
        stage.setScene(StudioApp.scene(window, 1280, 800));
        stage.show();
    }

    @AfterEach
    void forgetPrefs() throws Exception {
        prefs.removeNode();
    }

    private String report(FxRobot robot) {
        return robot.lookup("#wanReport").queryAs(TextArea.class).getText();
    }

    @Test
    void aCheckedWanFolderRunsThePlanOnLatentFrames(FxRobot robot) throws Exception {
        Path embeds = dir.resolve("prompt.safetensors");
        SafetensorsWriter.write(embeds, Map.of("prompt_embeds", new SafetensorsWriter.Tensor(new float[4 * 16], new long[] {4, 16})));
        robot.interact(() -> window.planModel().useTemplate(PlanTemplate.T2V, Map.of("frames", 3), null));
        robot.clickOn("#runTab");
        robot.interact(() -> window.runPanel().modelKind().setValue(RunPanel.WAN));
        assertTrue(window.planEditor().heatmap().frameAxisProperty().get().startsWith("latent frames"));

        // a folder that is not a model: the report says why and Run refuses
        robot.clickOn("#wanFolder").write(dir.toString()).type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> report(robot).startsWith("Cannot use"));
        assertTrue(report(robot).contains("is not a Wan model folder"), report(robot));
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.model().messageProperty().get().contains("choose a Wan folder"), window.model().messageProperty().get());

        robot.doubleClickOn("#wanFolder").eraseText(dir.toString().length() + 5).write(TINY.toString())
                .type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> report(robot).startsWith("OK"));
        assertTrue(report(robot).contains("parameters"), report(robot));
        // below the fold of the settings column at 1280×800: set as the file chooser would
        robot.interact(() -> {
            robot.lookup("#wanWidth").queryAs(javafx.scene.control.TextField.class).setText("64");
            robot.lookup("#wanHeight").queryAs(javafx.scene.control.TextField.class).setText("32");
            robot.lookup("#wanPromptEmbeds").queryAs(javafx.scene.control.TextField.class).setText(embeds.toString());
        });
        robot.doubleClickOn("#runGuidance").write("1");
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.runPanel().running());
        WaitForAsyncUtils.waitForFxEvents();
        String outcome = robot.lookup("#runProgressText").queryAs(Label.class).getText();
        assertTrue(outcome.startsWith("Done"), outcome + " / " + window.model().messageProperty().get());
        assertEquals(3, window.runPanel().previewFrames(), "one preview picture per latent frame");
        assertTrue(window.runPanel().rowsInSeries(0) > 0);

        robot.interact(() -> window.runPanel().modelKind().setValue(RunPanel.EMBEDDED));
        assertEquals("frames →", window.planEditor().heatmap().frameAxisProperty().get());
    }
}
