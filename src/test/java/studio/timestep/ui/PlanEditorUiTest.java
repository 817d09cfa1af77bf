package studio.timestep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.timestep.plan.FrameRole;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.TimestepPlan;

@ExtendWith(ApplicationExtension.class)
class PlanEditorUiTest {
    private MainWindow window;
    private PlanEditorModel plan;
    private Preferences prefs;

    @Start
    void start(Stage stage) {
        prefs = Preferences.userRoot().node("timestep-studio-test/" + System.nanoTime());
        window = new MainWindow(new CurveEditorModel(), Path.of("presets"), prefs);
        plan = window.planModel();
        stage.setScene(StudioApp.scene(window, 1280, 800));
        stage.show();
        window.tabs().getSelectionModel().select(1);
    }

    @AfterEach
    void forgetPrefs() throws Exception {
        prefs.removeNode();
    }

    private void typeInto(FxRobot robot, String query, String text) {
        robot.clickOn(query);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(text).type(KeyCode.ENTER);
    }

    private void clickCell(FxRobot robot, int row, int frame) {
        WaitForAsyncUtils.waitForFxEvents();
        Point2D[] p = new Point2D[1];
        robot.interact(() -> p[0] = window.planEditor().heatmap().cellCenterOnScreen(row, frame));
        robot.clickOn(p[0]);
    }

    private String problemCount(FxRobot robot) {
        return robot.lookup("#problemCount").queryAs(Label.class).getText();
    }

    @Test
    void pickingATemplateAndChangingAParameterRebuildsThePlan(FxRobot robot) {
        assertEquals(50, plan.plan().rows(), "T2V on the starter curve: Wan shift 5, 50 steps");
        robot.clickOn("#planTemplate").clickOn("skyreels-df");
        assertEquals(PlanTemplate.SKYREELS_DF, plan.template());
        assertEquals(50 + (8 - 1) * 5, plan.plan().rows(), "opens asynchronous: SkyReels' recommended ar-step 5");

        typeInto(robot, "#param-ar-step", "2");
        TimestepPlan p = plan.plan();
        assertEquals(50 + (8 - 1) * 2, p.rows());
        assertEquals(8, p.frames());
        assertEquals(p.sigma(0, 0), p.sigma(2, 1), "frame 1 runs two rows behind frame 0");
        assertEquals("No problems", problemCount(robot));

        typeInto(robot, "#param-ar-step", "0");
        assertEquals(50, plan.plan().rows(), "ar-step 0 is synchronous");
        typeInto(robot, "#param-ar-step", "-1");
        assertEquals(50, plan.plan().rows(), "a refused value keeps the plan");
        assertTrue(plan.messageProperty().get().contains("ar-step: must be in [0, 1000]"), plan.messageProperty().get());
    }

    @Test
    void paintingACellShowsTheProblemAndUndoRemovesIt(FxRobot robot) {
        robot.clickOn("#tool-brush");
        typeInto(robot, "#brushLevel", "0.2");
        double before = plan.plan().sigma(10, 5);
        clickCell(robot, 10, 5);
        assertEquals(0.2, plan.plan().sigma(10, 5), 0);
        assertEquals(before, plan.plan().sigma(10, 4), 0, "radius 0 paints one cell");
        assertEquals("1 problem(s)", problemCount(robot));
        assertEquals(10, plan.problems().get(0).row());
        assertEquals(5, plan.problems().get(0).frame());

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertEquals(before, plan.plan().sigma(10, 5), 0);
        assertEquals("No problems", problemCount(robot));
    }

    @Test
    void markingAFrameAsAConditionWithoutASourceIsReported(FxRobot robot) {
        robot.clickOn("#tool-select-frames");
        clickCell(robot, 0, 3);
        assertEquals(Set.of(3), plan.selectedFrames());
        robot.clickOn("#applyRole");
        assertEquals(FrameRole.Mode.CLEAN, plan.plan().role(3).mode());
        assertEquals(0, plan.plan().sigma(20, 3), 0, "a clean condition is held at σ = 0");
        assertEquals("1 problem(s)", problemCount(robot));
        assertTrue(plan.problems().get(0).toString().startsWith("frame 3: condition frame without a source"));

        typeInto(robot, "#roleSource", "first.png");
        robot.clickOn("#applyRole");
        assertEquals("first.png", plan.plan().role(3).source().path());
        assertEquals("No problems", problemCount(robot));
    }

    @Test
    void theAnimationStepsAndPlays(FxRobot robot) throws Exception {
        PlanAnimationView animation = window.planEditor().animation();
        robot.clickOn("#stepForward").clickOn("#stepForward").clickOn("#stepForward");
        assertEquals(3, animation.shownRow());
        robot.clickOn("#stepBack");
        assertEquals(2, animation.shownRow());
        robot.clickOn("#playPlan");
        WaitForAsyncUtils.sleep(700, TimeUnit.MILLISECONDS);
        robot.clickOn("#playPlan");
        int played = animation.shownRow();
        assertTrue(played > 2, "played to row " + played);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertEquals(played, animation.shownRow(), "paused");
    }
}
