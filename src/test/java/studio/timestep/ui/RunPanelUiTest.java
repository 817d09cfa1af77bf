package studio.timestep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import studio.timestep.report.CacheSweepFigure;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;
import studio.timestep.TestData;
import studio.timestep.cli.StudioCommand;
import studio.timestep.io.SafetensorsWriter;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.schedule.ExpertBoundary;
import studio.timestep.schedule.FlowShiftCurve;

@ExtendWith(ApplicationExtension.class)
class RunPanelUiTest {
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

    /** Fills the sweep fields (below the fold at 1280×800: set as typing would) and runs the sweep to its end. */
    private void runSweep(FxRobot robot, String steps, String shifts, String frames) throws Exception {
        robot.clickOn("#runTab");
        robot.interact(() -> {
            robot.lookup("#sweepSteps").queryTextInputControl().setText(steps);
            robot.lookup("#sweepShifts").queryTextInputControl().setText(shifts);
            robot.lookup("#sweepFrames").queryTextInputControl().setText(frames);
            robot.lookup("#runSweep").queryButton().fire();
        });
        waitUntilIdle();
    }

    private void waitUntilIdle() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.runPanel().running());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aRunFillsTheChartsAndThePreviewAndASecondRunOverlays(FxRobot robot) throws Exception {
        robot.interact(() -> window.planModel().useTemplate(PlanTemplate.T2V, Map.of("frames", 4), null));
        robot.clickOn("#runTab");
        robot.clickOn("#runButton");
        waitUntilIdle();
        RunPanel panel = window.runPanel();
        assertEquals(1, panel.seriesCount());
        assertEquals(49, panel.rowsInSeries(0), "50 rows; the first has no previous prediction to compare with");
        assertEquals(4, panel.previewFrames());
        assertTrue(robot.lookup("#runProgressText").queryAs(Label.class).getText().startsWith("Done: 50 rows"));

        robot.clickOn("#runButton");
        waitUntilIdle();
        assertEquals(2, panel.seriesCount(), "earlier runs stay overlaid");
        robot.clickOn("#clearRuns");
        assertEquals(0, panel.seriesCount());
    }

    @Test
    void cancelKeepsTheRowsDone(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.planModel().useTemplate(PlanTemplate.T2V, Map.of("frames", 4), null);
            window.model().editSelected(c -> c.withSteps(2000), null);
            window.planModel().rebuild();
        });
        robot.clickOn("#runTab");
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.runPanel().rowsInSeries(0) > 3);
        robot.clickOn("#cancelButton");
        waitUntilIdle();
        String text = robot.lookup("#runProgressText").queryAs(Label.class).getText();
        assertTrue(text.startsWith("Cancelled after"), text);
        int kept = window.runPanel().rowsInSeries(0);
        assertTrue(kept > 3 && kept < 1999, "kept " + kept);
        assertFalse(window.runPanel().running());
    }

    /** The sweep of the window and the command line's `sweep` are the same runs: the same CSV to the last digit. */
    @Test
    void aSweepRunsEveryCombinationAsASeriesAsTheCommandLineDoes(FxRobot robot, @TempDir Path dir) throws Exception {
        runSweep(robot, "4,6", "3", "1,2");
        assertEquals(4, window.runPanel().seriesCount());
        assertEquals(4, window.runPanel().sweepRuns().size());
        assertEquals(6, window.runPanel().sweepRuns().get(3).size());
        assertEquals("0: steps=4, frames=1", window.runPanel().seriesLabel(0), "labelled by the swept parameters that differ");
        assertEquals("3: steps=6, frames=2", window.runPanel().seriesLabel(3));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = StudioCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("sweep", "--steps", "4,6", "--shift", "3", "--frames", "1,2", "--prompt", "red ball",
                "--out", dir.toString());
        assertEquals(0, code, err.toString());
        String all = Files.readString(dir.resolve("sweep.csv"));
        assertEquals(all, window.runPanel().sweepCsv());

        robot.clickOn("#removeRun"); // the newest run, steps=6, frames=2, is selected
        assertEquals(3, window.runPanel().sweepRuns().size(), "a run removed from the list leaves the sweep");
        String kept = window.runPanel().sweepCsv();
        assertTrue(all.startsWith(kept), "the first three runs as they were");
        assertEquals(all.lines().count() - 6, kept.lines().count(), "without the removed run's 6 rows");
    }

    /** The plot area of a chart as drawn, over the chart's own height. */
    private static double plotShare(ChartViewer v) {
        ChartRenderingInfo info = v.getCanvas().getRenderingInfo();
        return info.getPlotInfo().getDataArea().getHeight() / v.getCanvas().getHeight();
    }

    @Test
    void aTwentySevenRunSweepKeepsEveryPlotReadableAndRunsHideAndImport(FxRobot robot, @TempDir Path dir) throws Exception {
        runSweep(robot, "4,6,8", "3,7,11", "1,2,3");
        RunChartsPane charts = window.runPanel().charts();
        assertEquals(27, charts.runs().size());
        assertEquals(List.of(27, 27, 27), charts.seriesCounts());
        for (ChartViewer v : robot.lookup("#overlayCharts").queryAs(HBox.class).getChildren().stream()
                .map(n -> (ChartViewer) n).toList()) {
            assertTrue(plotShare(v) >= 0.5, "overlay plot share " + plotShare(v));
        }

        robot.clickOn("#runView").clickOn(RunChartsPane.SWEEP);
        WaitForAsyncUtils.waitForFxEvents();
        SweepFigureView sweep = charts.sweepView();
        assertEquals(List.of("4", "6", "8"), sweep.keyValues(), "the colour key shows the swept steps");
        assertEquals(27, sweep.viewers().size(), "9 rows (shift × frames) of three panels");
        for (ChartViewer v : sweep.viewers()) {
            assertTrue(plotShare(v) >= 0.5, "sweep plot share " + plotShare(v));
        }

        // hiding a run hides its series in all three charts (and in the sweep figure)
        robot.clickOn("#runView").clickOn(RunChartsPane.OVERLAY);
        robot.clickOn(robot.lookup("#runList .check-box").nth(0).queryAs(CheckBox.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(charts.runs().get(0).visible());
        assertEquals(List.of(26, 26, 26), charts.seriesCounts());

        Path log = Files.writeString(dir.resolve("wan13b.log"), "Step 1, Timestep 980.0, L1 = 0.200000\n"
                + "Step 2, Timestep 960.0, L1 = 0.100000\nStep 3, Timestep 940.0, L1 = 0.050000\n");
        robot.interact(() -> robot.lookup("#runSignal").queryComboBox().setValue("cond"));
        robot.interact(() -> window.runPanel().importLog(log));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> charts.runs().size() == 28);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(27, 27, 27), charts.seriesCounts());
        assertEquals("26: wan13b.log", charts.seriesLabel(26));
        assertEquals(3, charts.rowsInSeries(26), "its three logged steps");
    }

    /** Curve ▸ Optimal steps…: the selected curve's 50-step run as the teacher, a 5-step curve back. */
    @Test
    void optimalStepsAddTheStudentsCurve(FxRobot robot) throws Exception {
        robot.interact(() -> window.planModel().useTemplate(PlanTemplate.T2V, Map.of("frames", 2), null));
        robot.clickOn("Curve").clickOn("Optimal steps…");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#ossSteps").queryAs(Spinner.class).getValueFactory().setValue(5));
        robot.clickOn("Find");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.model().workspace().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        var added = window.model().workspace().get(1);
        assertTrue(added.name().startsWith("OSS 5 of 50 (Wan2.1 T2V (shift 5))"), added.name());
        assertEquals(5, added.steps());
        assertEquals(0, added.grid().sigma(5));
        assertEquals(window.model().workspace().get(0).grid().sigma(0), added.grid().sigma(0), 0, "starts at the teacher's start");
    }

    @Test
    void twoExpertsNameTheirSwitchInTheRunsTraits(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.planModel().useTemplate(PlanTemplate.T2V, Map.of("frames", 2), null);
            window.runPanel().modelKind().setValue(RunSettingsForm.EXACT);
        });
        robot.clickOn("#runTab");
        robot.interact(() -> {
            robot.lookup("#runGuidanceLow").queryTextInputControl().setText("2");
            robot.lookup("#runExpertBoundary").queryTextInputControl().setText("0.875");
        });
        robot.clickOn("#runButton");
        waitUntilIdle();
        int switchRow = new ExpertBoundary(0.875).highSteps(window.model().selectedCurve().grid());
        assertEquals("5 → 2 at row " + switchRow + " (boundary 0.875)", window.runPanel().charts().runs().get(0).traits().get("guidance"));
    }

    @Test
    void theBestShiftTableFillsCellByCellAndACellAddsItsCurve(FxRobot robot) throws Exception {
        robot.interact(() -> window.runPanel().modelKind().setValue(RunSettingsForm.EXACT));
        robot.clickOn("Curve").clickOn("Best shift table…");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#bestShiftTableSteps").queryTextInputControl().setText("4, x"));
        robot.clickOn("Compute");
        assertEquals("steps, frames and seeds: whole numbers separated by commas",
                robot.lookup("#bestShiftTableStatus").queryAs(Label.class).getText());
        robot.interact(() -> {
            robot.lookup("#bestShiftTableSteps").queryTextInputControl().setText("4, 6");
            robot.lookup("#bestShiftTableFrames").queryTextInputControl().setText("1");
            robot.lookup("#bestShiftTableSeeds").queryTextInputControl().setText("1");
        });
        robot.clickOn("Compute");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !robot.lookup("#bestShiftCell-1-0").queryButton().isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        String cell = robot.lookup("#bestShiftCell-0-0").queryButton().getText();
        assertTrue(cell.startsWith("s = ") && cell.contains("error"), cell);
        robot.clickOn("#bestShiftCell-1-0");
        WaitForAsyncUtils.waitForFxEvents();
        var added = window.model().workspace().get(window.model().workspace().size() - 1);
        assertTrue(added.name().startsWith("Best shift ") && added.name().contains("(6 steps, 1 frames, clips)"), added.name());
        assertEquals(6, added.steps());
        assertTrue(added.schedule() instanceof FlowShiftCurve);
        robot.interact(() -> robot.listTargetWindows().stream()
                .filter(w -> w instanceof Stage st && "Best shift table".equals(st.getTitle())).toList().forEach(javafx.stage.Window::hide));
    }

    @Test
    void aStepCacheRunComesAfterTheSameRunWithoutItAndNamesItsCallsAndError(FxRobot robot) throws Exception {
        robot.interact(() -> window.planModel().useTemplate(PlanTemplate.T2V, Map.of("frames", 2), null));
        robot.clickOn("#runTab");
        robot.interact(() -> {
            robot.lookup("#runStepCache").queryComboBox().getSelectionModel().select("teacache");
            robot.lookup("#runCacheThreshold").queryTextInputControl().setText("0.1");
        });
        robot.clickOn("#runButton");
        waitUntilIdle();
        var runs = window.runPanel().charts().runs();
        assertEquals(2, runs.size());
        assertEquals(null, runs.get(0).traits().get("cache"));
        assertEquals("teacache raw 0.1", runs.get(1).traits().get("cache"));
        String result = runs.get(1).traits().get("cache result");
        assertTrue(result.matches("\\d+ of 100 calls computed, error [0-9.e-]+, PSNR [0-9.]+ dB \\(lowest frame [0-9.]+\\) "
                + "against the run without it"), result);
        assertTrue(Integer.parseInt(result.split(" ")[0]) < 100, "threshold 0.1 skips calls: " + result);
        String status = robot.lookup("#runProgressText").queryAs(Label.class).getText();
        assertTrue(status.contains("teacache raw 0.1: " + result), status);
        // the rows carry the cache's own decisions (the heatmap's marks): TeaCache's signal is the time embedding, the same
        // for both prompts, so each branch computes half of the computed calls
        long skippedRows = runs.get(1).rows().stream().filter(r -> r.cacheSkipped()).count();
        assertEquals(50 - Integer.parseInt(result.split(" ")[0]) / 2, skippedRows);

        robot.interact(() -> robot.lookup("#runCacheThreshold").queryTextInputControl().setText("lots"));
        robot.clickOn("#runButton");
        assertEquals("Cannot run: cache-threshold: 'lots' is not a number", window.model().messageProperty().get());
    }

    @Test
    void magCacheRunsOnTheShippedRatiosOrOnRatiosCalibratedInTheWindow(FxRobot robot) throws Exception {
        robot.interact(() -> window.planModel().useTemplate(PlanTemplate.T2V, Map.of("frames", 2), null));
        robot.clickOn("#runTab");
        robot.interact(() -> robot.lookup("#runStepCache").queryComboBox().getSelectionModel().select("magcache"));
        // the shipped preset's ratios (50 steps, interleaved: 100) are read in the background
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#runMagRatios").queryAs(Label.class).getText().equals("ratios: 100 from tiny-wan-mag-ratios-50steps.json"));
        robot.interact(() -> robot.lookup("#runMagCacheK").queryTextInputControl().setText("two"));
        robot.clickOn("#runButton");
        assertEquals("Cannot run: magcache-k: 'two' is not a whole number", window.model().messageProperty().get());
        robot.interact(() -> robot.lookup("#runMagCacheK").queryTextInputControl().setText("3"));

        int before = window.runPanel().charts().runs().size();
        robot.clickOn("#runCalibrateMagCache");
        waitUntilIdle();
        var runs = window.runPanel().charts().runs();
        assertEquals(before + 1, runs.size());
        assertEquals("magcache calibration", runs.get(before).traits().get("cache"));
        assertEquals("43", runs.get(before).traits().get("seed"), "calibrated on the next seed");
        int steps = runs.get(before).rows().size();
        assertEquals("ratios: " + 2 * steps + ", calibrated on seed 43, " + steps + " steps",
                robot.lookup("#runMagRatios").queryAs(Label.class).getText());

        robot.interact(() -> robot.lookup("#runCacheThreshold").queryTextInputControl().setText("0.5"));
        robot.clickOn("#runButton");
        waitUntilIdle();
        runs = window.runPanel().charts().runs();
        assertEquals(before + 3, runs.size());
        assertEquals("magcache 0.5 K3 R0.2", runs.get(before + 2).traits().get("cache"));
        String result = runs.get(before + 2).traits().get("cache result");
        int computed = Integer.parseInt(result.split(" ")[0]);
        assertTrue(computed < 2 * steps && result.contains(" of " + 2 * steps + " calls computed, error "), result);
        // retention 0.2: the first 20 % of the calls (cond and uncond interleaved) are computed, so the first rows are never marked
        assertTrue(runs.get(before + 2).rows().subList(0, steps / 5).stream().noneMatch(r -> r.cacheSkipped()));
        assertTrue(runs.get(before + 2).rows().stream().anyMatch(r -> r.cacheSkipped()), "the rows carry MagCache's decisions");
    }

    @Test
    void aCacheSweepRunsOnceWithoutTheCacheThenEachThresholdAndDrawsTheCurve(FxRobot robot) throws Exception {
        robot.interact(() -> window.planModel().useTemplate(PlanTemplate.T2V, Map.of("frames", 2), null));
        robot.clickOn("#runTab");
        robot.interact(() -> robot.lookup("#runCacheSweep").queryButton().fire());
        assertEquals("Cannot run the cache sweep: choose a step cache above", window.model().messageProperty().get());
        robot.interact(() -> {
            robot.lookup("#runStepCache").queryComboBox().getSelectionModel().select("easycache");
            robot.lookup("#cacheSweepThresholds").queryTextInputControl().setText("0, 0.3");
            robot.lookup("#runCacheSweep").queryButton().fire();
        });
        waitUntilIdle();
        var runs = window.runPanel().charts().runs();
        assertEquals(3, runs.size());
        assertEquals("easycache 0", runs.get(1).traits().get("cache"));
        assertTrue(runs.get(1).traits().get("cache result").startsWith("100 of 100 calls computed, error 0.000, PSNR ∞ dB "
                + "(lowest frame ∞) against"),
                runs.get(1).traits().toString());
        assertTrue(runs.get(2).traits().get("cache result").matches("\\d+ of 100 calls computed, error [0-9.e-]+, PSNR .*"),
                runs.get(2).traits().toString());
        // then each threshold's equivalent schedule (its computed rows, no cache) and the best flow shift with as many steps
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> robot.lookup("#cacheSweepFigure").tryQuery().isPresent());
        var points = ((CacheSweepFigure) robot.lookup("#cacheSweepFigure").query().getUserData()).points();
        assertEquals(List.of(0.0, 0.3), points.stream().map(CacheSweepFigure.Point::threshold).toList());
        // threshold 0 computes every row: its equivalent schedule is the run itself (error 0); the best shift is no worse
        assertEquals(0.0, points.get(0).equivalentError());
        assertEquals(0.0, points.get(0).flowShiftError(), 1e-3);
        assertTrue(points.get(1).equivalentError() > 0 && points.get(1).flowShiftError() > 0, points.get(1).toString());
        assertEquals("cache sweep: done", window.model().messageProperty().get());
        robot.interact(() -> robot.listTargetWindows().stream()
                .filter(w -> w instanceof Stage st && "Cache sweep".equals(st.getTitle())).toList().forEach(javafx.stage.Window::hide));
    }

    @Test
    void bestShiftAddsAFlowShiftCurveForTheSelectedSteps(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.planModel().useTemplate(PlanTemplate.T2V, Map.of("frames", 1), null);
            window.runPanel().modelKind().setValue(RunSettingsForm.EXACT);
        });
        robot.clickOn("Curve").clickOn("Best shift…");
        WaitForAsyncUtils.waitForFxEvents();
        robot.doubleClickOn("#bestShiftSeeds").write("x");
        robot.clickOn("Find");
        assertEquals("seeds: whole numbers separated by commas", robot.lookup("#bestShiftStatus").queryAs(Label.class).getText());
        robot.interact(() -> robot.lookup("#bestShiftSeeds").queryTextInputControl().setText("1"));
        robot.clickOn("Find");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.model().workspace().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        var added = window.model().workspace().get(1);
        assertTrue(added.name().startsWith("Best shift ") && added.name().contains("(50 steps, 1 frames, clips)"), added.name());
        assertTrue(added.schedule() instanceof FlowShiftCurve);
        assertEquals(window.model().workspace().get(0).steps(), added.steps());
    }

    private String report(FxRobot robot) {
        return robot.lookup("#wanReport").queryAs(TextArea.class).getText();
    }

    /** Choosing a Wan folder: its check report, the latent frame axis, and a run of the tiny golden model. */

    private static void chooseWanFolder(FxRobot robot, Path folder) {
        robot.interact(() -> {
            TextField field = robot.lookup("#wanFolder").queryAs(TextField.class);
            field.setText(folder.toString());
            field.fireEvent(new javafx.event.ActionEvent());
        });
    }

    @Test
    void aCheckedWanFolderRunsThePlanOnLatentFrames(FxRobot robot, @TempDir Path dir) throws Exception {
        // a copy at a short path: TestFX types a path a key at a time
        Path tiny = Files.createDirectories(dir.resolve("tiny"));
        try (var files = Files.list(TestData.wanGolden().resolve("tiny"))) {
            for (Path f : files.toList()) {
                Files.copy(f, tiny.resolve(f.getFileName()));
            }
        }
        Path embeds = dir.resolve("prompt.safetensors");
        SafetensorsWriter.write(embeds, Map.of("prompt_embeds", new SafetensorsWriter.Tensor(new float[4 * 16], new long[] {4, 16})));
        robot.interact(() -> window.planModel().useTemplate(PlanTemplate.T2V, Map.of("frames", 3), null));
        robot.clickOn("#runTab");
        robot.interact(() -> window.runPanel().modelKind().setValue(RunSettingsForm.WAN));
        assertTrue(window.planEditor().heatmap().frameAxisProperty().get().startsWith("latent frames"));

        // a folder that is not a model: the report says why and Run refuses
        // the settings column is longer than 800 pixels: the folder field is set and confirmed as Enter does
        chooseWanFolder(robot, dir);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> report(robot).startsWith("Cannot use"));
        assertTrue(report(robot).contains("is not a Wan model folder"), report(robot));
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.model().messageProperty().get().contains("choose a Wan folder"), window.model().messageProperty().get());

        chooseWanFolder(robot, tiny);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> report(robot).startsWith("OK"));
        assertTrue(report(robot).contains("parameters"), report(robot));
        // below the fold of the settings column at 1280×800: set as the file chooser would
        robot.interact(() -> {
            robot.lookup("#wanWidth").queryAs(TextField.class).setText("64");
            robot.lookup("#wanHeight").queryAs(TextField.class).setText("32");
            robot.lookup("#wanPromptEmbeds").queryAs(TextField.class).setText(embeds.toString());
        });
        robot.doubleClickOn("#runGuidance").write("1");
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.runPanel().running());
        WaitForAsyncUtils.waitForFxEvents();
        String outcome = robot.lookup("#runProgressText").queryAs(Label.class).getText();
        assertTrue(outcome.startsWith("Done"), outcome + " / " + window.model().messageProperty().get());
        assertEquals(3, window.runPanel().previewFrames(), "one preview picture per latent frame");
        assertTrue(window.runPanel().rowsInSeries(0) > 0);

        robot.interact(() -> window.runPanel().modelKind().setValue(RunSettingsForm.EXACT));
        assertEquals("frames →", window.planEditor().heatmap().frameAxisProperty().get());
    }

    @Test
    void aWanPipelineFolderRunsFromPromptTextToDecodedFrames(FxRobot robot, @TempDir Path dir) throws Exception {
        Path pipeline = studio.timestep.TinyWanPipeline.build(dir.resolve("p"));
        System.setProperty("studio.cache", dir.resolve("cache").toString());
        try {
            robot.interact(() -> window.planModel().useTemplate(PlanTemplate.T2V, Map.of("frames", 2), null));
            robot.clickOn("#runTab");
            robot.interact(() -> window.runPanel().modelKind().setValue(RunSettingsForm.WAN));
            assertTrue(robot.lookup("#runPrompts").queryTextInputControl().isDisabled(), "no folder yet: prompts are files");
            chooseWanFolder(robot, pipeline);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> report(robot).startsWith("OK"));
            assertTrue(report(robot).contains("Prompts as text") && report(robot).contains("Frames decoded by vae/"), report(robot));
            assertFalse(robot.lookup("#runPrompts").queryTextInputControl().isDisabled(), "a pipeline with a text encoder takes text");
            robot.interact(() -> {
                robot.lookup("#wanWidth").queryAs(TextField.class).setText("32");
                robot.lookup("#wanHeight").queryAs(TextField.class).setText("32");
            });
            robot.doubleClickOn("#runPrompts").write("a red ball");
            robot.doubleClickOn("#runGuidance").write("1");
            robot.clickOn("#runButton");
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.runPanel().running());
            WaitForAsyncUtils.waitForFxEvents();
            String outcome = robot.lookup("#runProgressText").queryAs(Label.class).getText();
            assertTrue(outcome.startsWith("Done"), outcome + " / " + window.model().messageProperty().get());
            // 2 latent frames: the VAE's 1 + 4 frames in the preview, not one picture per latent frame
            assertEquals(5, window.runPanel().previewFrames());
            assertEquals(1, Files.list(dir.resolve("cache/prompt-embeds")).count(), "the prompt was encoded and kept");

            // any row's x0 estimate, decoded on demand
            int rows = window.planModel().plan().rows();
            robot.interact(() -> robot.lookup("#decodeRow").queryTextInputControl().setText(Integer.toString(rows)));
            robot.clickOn("#decodeRowButton");
            assertEquals("Decode a row: rows are 0 to " + (rows - 1) + ", got " + rows, window.model().messageProperty().get());
            robot.interact(() -> robot.lookup("#decodeRow").queryTextInputControl().setText("2"));
            robot.clickOn("#decodeRowButton");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> "Row 2's x0 estimate, decoded: 5 frames".equals(window.model().messageProperty().get()));
            assertEquals(5, window.runPanel().previewFrames());
        } finally {
            System.clearProperty("studio.cache");
        }
    }
}
