package studio.timestep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;
import studio.timestep.io.SafetensorsFile;
import studio.timestep.run.ModelSource;

/** Train a tiny model… from the clips pane: a bad field is named; a short training becomes the Run tab's model. */
@ExtendWith(ApplicationExtension.class)
class TrainDialogUiTest {
    private MainWindow window;
    private Preferences prefs;

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

    @Test
    void aShortTrainingOnTheEmbeddedClipsBecomesTheRunModel(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.clickOn("#runTab");
        robot.interact(() -> window.runPanel().modelKind().setValue(RunSettingsForm.EXACT));
        // below the fold of the settings column at 1280×800: fired as a click would
        robot.interact(() -> robot.lookup("#trainTiny").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
        robot.doubleClickOn("#trainMinutes").write("soon");
        robot.clickOn("#trainStart");
        String refused = robot.lookup("#trainStatus").queryAs(Label.class).getText();
        assertTrue(refused.startsWith("Check the fields"), refused);

        Path out = dir.resolve("m");
        robot.interact(() -> {
            robot.lookup("#trainMinutes").queryTextInputControl().setText("0.02");
            robot.lookup("#trainOut").queryTextInputControl().setText(out.toString());
        });
        robot.clickOn("#trainStart");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> RunSettingsForm.TINY.equals(window.runPanel().modelKind().getValue()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.isRegularFile(out.resolve("model_index.json")));
        assertTrue(Files.isRegularFile(out.resolve("transformer/diffusion_pytorch_model.safetensors")));
        assertEquals(new ModelSource.TinyModel(out), window.runPanel().modelSource());
        assertTrue(robot.lookup("#trainStatus").tryQuery().isEmpty(), "the dialog stayed open after its training ended");
        // on the embedded clips it trained the shipped model further: the output projection, zero in fresh
        // weights, is the shipped one moved by a step or two of Adam (at most about the rate, 1e-3, each)
        INDArray shipped = SafetensorsFile.open(Path.of("assets/tiny-wan/transformer/diffusion_pytorch_model.safetensors"))
                .array("proj_out.weight");
        INDArray trained = SafetensorsFile.open(out.resolve("transformer/diffusion_pytorch_model.safetensors"))
                .array("proj_out.weight");
        assertTrue(shipped.amaxNumber().doubleValue() > 0.05);
        double moved = trained.sub(shipped).amaxNumber().doubleValue();
        assertTrue(moved < 0.01, "moved " + moved);
    }

    @Test
    void aTinyModelThatCannotBeLoadedOffersTheExactModel(FxRobot robot, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("model_index.json"), "{\"_class_name\": \"TinyWanPipeline\", \"frames\": 16, "
                + "\"height\": 32, \"width\": 32}");
        robot.clickOn("#runTab");
        robot.interact(() -> window.runPanel().useTinyModel(dir));
        robot.clickOn("#runButton");
        // the dialog's nodes exist a moment before its window shows
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("Use exact clips").match(NodeQueryUtils.isVisible())
                .tryQuery().isPresent());
        robot.clickOn("Use exact clips");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(RunSettingsForm.EXACT, window.runPanel().modelKind().getValue());
    }
}
