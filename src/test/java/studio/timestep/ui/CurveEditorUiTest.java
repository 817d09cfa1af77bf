package studio.timestep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.timestep.io.CurveFiles;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.CurveWorkspace;
import studio.timestep.schedule.DrawnShiftCurve;
import studio.timestep.schedule.ExpertBoundary;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.TwoStageSchedule;
import studio.timestep.schedule.LorentzShiftCurve;
import studio.timestep.schedule.ManualSchedule;
import studio.timestep.schedule.SigmaGrid;

@ExtendWith(ApplicationExtension.class)
class CurveEditorUiTest {
    private CurveEditorModel model;
    private MainWindow window;
    private Preferences prefs;

    @Start
    void start(Stage stage) {
        model = new CurveEditorModel();
        prefs = Preferences.userRoot().node("timestep-studio-test/" + System.nanoTime());
        window = new MainWindow(model, Path.of("presets"), prefs);
        stage.setScene(StudioApp.scene(window, 1280, 800));
        stage.show();
    }

    @AfterEach
    void forgetPrefs() throws Exception {
        prefs.removeNode();
    }

    @Test
    void thePlanAndRunTabsJoinTheSceneWhenFirstOpened(FxRobot robot) {
        assertNull(window.planEditor().getScene(), "the Plan tab's editor is laid out before anyone opens it");
        assertNull(window.runPanel().getScene(), "the Run tab's panel is laid out before anyone opens it");
        robot.clickOn("#runTab");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#runButton").tryQuery().isPresent());
        assertNull(window.planEditor().getScene());
        robot.clickOn("#planTab");
        robot.clickOn("#curvesTab");
        robot.clickOn("#runTab");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(window.getScene(), window.planEditor().getScene());
        assertEquals(window.getScene(), window.runPanel().getScene());
        // the plan heatmap names the run model's frames, whichever tab was built first
        robot.interact(() -> window.runPanel().modelKind().setValue(RunSettingsForm.WAN));
        assertEquals(RunSettingsForm.LATENT_FRAMES, window.planEditor().heatmap().frameAxisProperty().get());
        robot.interact(() -> window.runPanel().modelKind().setValue(RunSettingsForm.EXACT));
        assertEquals(RunSettingsForm.VIDEO_FRAMES, window.planEditor().heatmap().frameAxisProperty().get());
    }

    private static double flow(double s, double u) {
        return s * u / (1 + (s - 1) * u);
    }

    private SigmaTableView.Row row(int step) {
        return window.table().getItems().get(step);
    }

    private Point2D onChart(FxRobot robot, ChartGeometry geometry, double x, double y) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.interact(() -> geometry.toScreen(x, y)) == null ? null : geometryPoint(robot, geometry, x, y);
    }

    private static Point2D geometryPoint(FxRobot robot, ChartGeometry geometry, double x, double y) {
        Point2D[] p = new Point2D[1];
        robot.interact(() -> p[0] = geometry.toScreen(x, y));
        return p[0];
    }

    private void typeInto(FxRobot robot, String query, String text) {
        robot.clickOn(query);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(text).type(KeyCode.ENTER);
    }

    @Test
    void typingAShiftUpdatesTheSigmaTable(FxRobot robot) {
        assertEquals(51, window.table().getItems().size());
        double lastU = 0.999 + 49 * (-0.999 / 50);
        assertEquals(Math.floor(1000 * flow(5, lastU)), row(49).timestep(), 0);

        typeInto(robot, "#field-shift", "11");

        assertEquals(new FlowShiftCurve(11), model.selectedCurve().schedule());
        assertEquals(Math.floor(1000 * flow(11, lastU)), row(49).timestep(), 0);
        assertEquals(flow(11, 0.999), row(0).sigma(), 1e-15);
        assertTrue(robot.lookup("#curveSummary").queryLabeled().getText().contains("s=11"));
    }

    @Test
    void aTwoStageCurveTakesItsStagesStepsAndSplitFromTheFields(FxRobot robot) {
        robot.clickOn("#curveType").clickOn("two-stage");
        assertEquals(new TwoStageSchedule(0.875, 5, 20, 5, 20), model.selectedCurve().schedule());
        typeInto(robot, "#field-high-steps", "6");
        typeInto(robot, "#field-low-steps", "4");
        typeInto(robot, "#field-split", "0.9");
        assertEquals(new TwoStageSchedule(0.9, 5, 6, 5, 4), model.selectedCurve().schedule());
        assertEquals(11, window.table().getItems().size(), "6 + 4 steps and the final 0");
        assertEquals(0.9, row(6).sigma(), 1e-15, "stage 2 starts at the split");
    }

    @Test
    void anOutOfRangeShiftIsRefusedAndNamed(FxRobot robot) {
        typeInto(robot, "#field-shift", "-2");

        assertEquals(new FlowShiftCurve(5), model.selectedCurve().schedule());
        TextField field = robot.lookup("#field-shift").queryAs(TextField.class);
        assertTrue(field.getStyleClass().contains("invalid"));
        assertTrue(model.messageProperty().get().contains("shift: must be in [0.01, 100], got -2"),
                model.messageProperty().get());
    }

    @Test
    void drawnCurvePointsAreAddedDraggedAndRemovedOnTheChart(FxRobot robot) {
        robot.clickOn("#curveType").clickOn("drawn");
        DrawnShiftCurve fromFlow = (DrawnShiftCurve) model.selectedCurve().schedule();
        assertEquals(flow(5, 0.5), fromFlow.apply(0.5), 1e-12, "a drawn curve starts from the shift-5 curve's shape");
        robot.clickOn("Reset to the identity line");
        assertEquals(DrawnShiftCurve.identity(), model.selectedCurve().schedule());
        ChartGeometry geometry = new ChartGeometry(window.charts().curve);

        robot.doubleClickOn(geometryPoint(robot, geometry, 0.3, 0.7), MouseButton.PRIMARY);
        DrawnShiftCurve added = (DrawnShiftCurve) model.selectedCurve().schedule();
        assertEquals(3, added.size());
        assertEquals(0.3, added.x(1), 0.01);
        assertEquals(0.7, added.y(1), 0.01);
        double sigmaBefore = row(25).sigma();

        robot.drag(geometryPoint(robot, geometry, added.x(1), added.y(1)), MouseButton.PRIMARY)
                .moveTo(geometryPoint(robot, geometry, 0.5, 0.85))
                .moveTo(geometryPoint(robot, geometry, 0.4, 1.2))
                .release(MouseButton.PRIMARY);
        DrawnShiftCurve dragged = (DrawnShiftCurve) model.selectedCurve().schedule();
        assertEquals(3, dragged.size());
        assertEquals(0.4, dragged.x(1), 0.01);
        assertEquals(1.0, dragged.y(1), 1e-12, "y is held at the next point's level");
        for (int i = 1; i < window.table().getItems().size(); i++) {
            assertTrue(row(i).sigma() <= row(i - 1).sigma(), "monotone at row " + i);
        }
        assertNotEquals(sigmaBefore, row(25).sigma());
        assertEquals(dragged.apply(1 - 0.001 - 25 * (0.999 / 50)), row(25).sigma(), 1e-12);

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertEquals(added, model.selectedCurve().schedule(), "the whole drag undoes at once");

        robot.press(KeyCode.SHIFT).clickOn(geometryPoint(robot, geometry, added.x(1), added.y(1))).release(KeyCode.SHIFT);
        assertEquals(DrawnShiftCurve.identity(), model.selectedCurve().schedule());
    }

    @Test
    void aPresetLoadsFromTheList(FxRobot robot) throws Exception {
        // the presets are read in the background
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("Lorentz s=7").tryQuery().isPresent());
        robot.doubleClickOn("Lorentz s=7");
        assertEquals(2, model.workspace().size());
        CurveSetup lorentz = model.selectedCurve();
        assertEquals(new LorentzShiftCurve(7), lorentz.schedule());
        assertEquals(51, window.table().getItems().size());
        double k = Math.sqrt(48);
        assertEquals(0.5 * (1 + Math.atan(k * (2 * 0.98 - 1)) / Math.atan(k)), row(1).sigma(), 1e-12);
        assertEquals(2, window.charts().curve.getChart().getXYPlot().getDataset(0).getSeriesCount());
    }

    @Test
    void stepsUndoAndRedoFromTheKeyboard(FxRobot robot) {
        typeInto(robot, "#steps .text-field", "20");
        assertEquals(21, window.table().getItems().size());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertEquals(51, window.table().getItems().size());
        assertEquals(50, model.selectedCurve().steps());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        assertEquals(21, window.table().getItems().size());
    }

    /** Files are read off the FX thread; one that fails to load names what is wrong and leaves the workspace and its undo. */
    @Test
    void aFileThatFailsToOpenLeavesTheWorkspaceAlone(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> model.editSelected(c -> c.withSchedule(new FlowShiftCurve(9)), null));
        CurveWorkspace before = model.workspace();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"timestep-studio/curves\", \"version\": 1, \"curves\": [{\"name\": \"x\", "
                + "\"schedule\": {\"type\": \"lorentz\", \"shift\": 0.2}}]}");
        robot.interact(() -> window.openFile(bad));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.messageProperty().get().startsWith("Cannot open bad.json"));
        assertTrue(model.messageProperty().get().contains("curves[0].schedule.shift"), model.messageProperty().get());
        assertEquals(before, model.workspace());
        assertTrue(model.canUndoProperty().get());

        Path good = dir.resolve("good.json");
        CurveFiles.write(good, CurveWorkspace.starter());
        robot.interact(() -> window.openFile(good));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> good.equals(model.fileProperty().get()));
        assertEquals(CurveWorkspace.starter(), model.workspace());
        assertFalse(model.canUndoProperty().get(), "an opened file starts a new history");
    }

    @Test
    void manualSigmasAreDraggedOnTheSigmaChart(FxRobot robot) {
        robot.interact(() -> window.addManualCurve("mine", "1, 0.8, 0.5, 0.2, 0"));
        assertEquals(5, window.table().getItems().size());
        ChartGeometry geometry = new ChartGeometry(window.charts().sigmas);
        robot.drag(geometryPoint(robot, geometry, 0.5, 0.5), MouseButton.PRIMARY)
                .moveTo(geometryPoint(robot, geometry, 0.5, 0.65))
                .release(MouseButton.PRIMARY);
        ManualSchedule m = (ManualSchedule) model.selectedCurve().schedule();
        assertEquals(0.65, m.sigma(2), 0.01);
        assertEquals(m.sigma(2), row(2).sigma(), 0);
        assertEquals(0.8 - m.sigma(2), row(1).deltaSigma(), 1e-12);
    }

    @Test
    void curvesAreDuplicatedHiddenAndRemovedFromTheList(FxRobot robot) {
        robot.clickOn("#duplicateCurve");
        assertEquals(2, model.workspace().size());
        assertEquals("Wan2.1 T2V (shift 5) copy", model.selectedCurve().name());
        assertEquals(2, window.charts().curve.getChart().getXYPlot().getDataset(0).getSeriesCount());
        robot.clickOn(robot.lookup("#curveList .check-box").nth(1).queryAs(Node.class));
        assertFalse(model.workspace().get(1).visible());
        assertEquals(1, window.charts().curve.getChart().getXYPlot().getDataset(0).getSeriesCount());
        robot.clickOn("#removeCurve");
        assertEquals(1, model.workspace().size());
    }

    @Test
    void aWan22BoundarySplitsTheStepsInTheStatusTheTableAndTheCharts(FxRobot robot) {
        robot.clickOn("#boundary .arrow-button").clickOn("0.875 (Wan2.2 T2V-A14B)");
        ExpertBoundary b = model.workspace().boundary();
        assertEquals(new ExpertBoundary(0.875), b);
        SigmaGrid grid = model.selectedCurve().grid();
        int high = b.highSteps(grid);
        assertTrue(high > 0 && high < 50, "the starter curve (shift 5, wan-unipc, 50 steps) splits: " + high);
        String split = high + " high-noise + " + (50 - high) + " low-noise steps";
        assertEquals(split, robot.lookup("#boundarySplit").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#curveSummary").queryAs(Label.class).getText().endsWith("experts: " + split));
        assertEquals("high", row(high - 1).expert());
        assertEquals("low", row(high).expert());
        assertTrue(grid.timestep(high - 1) >= 875 && grid.timestep(high) < 875);
        assertEquals(1, window.charts().sigmas.getChart().getXYPlot().getRangeMarkers(Layer.FOREGROUND).size());

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertNull(model.workspace().boundary(), "undo removes it");
        assertNull(row(0).expert());
    }
}
