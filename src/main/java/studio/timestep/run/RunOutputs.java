package studio.timestep.run;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.io.AtomicFiles;
import studio.timestep.io.SafetensorsWriter;
import studio.timestep.report.Figure;
import studio.timestep.report.FrameImages;
import studio.timestep.report.L1Charts;
import studio.timestep.report.RunMetricsCsv;
import studio.timestep.report.RunSeries;
import studio.timestep.report.SweepFigure;
import studio.timestep.sampling.RowMetrics;

/**
 * Writes what runs made into an output folder (checked with {@code OutputPaths.folder} before the
 * runs start): for one run metrics.csv, frames/ (PNG), frames.gif, latents.safetensors and l1.png;
 * for a sweep sweep.csv, sweep.png and sweep.svg. Each file is written on its own, so one that fails does not
 * lose the others; the failures are reported together after.
 */
public final class RunOutputs {
    /** Pixels across a written frame at least (small clips are scaled up by a whole factor). */
    public static final int FRAME_WIDTH = 128;
    public static final int GIF_FPS = 8;
    /** A sweep figure's panels, in pixels: wide enough for the axis labels, tall enough to read the curves. */
    public static final int SWEEP_PANEL_WIDTH = 420;
    public static final int SWEEP_PANEL_HEIGHT = 300;

    private final Path folder;
    private final List<String> written = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();

    public RunOutputs(Path folder) {
        this.folder = folder;
    }

    @FunctionalInterface
    private interface Output {
        void write() throws IOException;
    }

    private void attempt(String name, Output output) {
        try {
            output.write();
            written.add(name);
        } catch (IOException | RuntimeException e) {
            failed.add(name + " (" + e.getMessage() + ")");
        }
    }

    /** One run's files: its metrics (the rows done, even when it stopped early) and, when it finished, its frames. */
    public RunOutputs writeRun(RunOutcome outcome, String label, String signal) {
        attempt("metrics.csv", () -> AtomicFiles.writeString(folder.resolve("metrics.csv"), RunMetricsCsv.of(outcome.rows())));
        if (outcome.x() != null && outcome.model() != null) {
            INDArray pixels = outcome.model().finalFrames().rgb(outcome.x());
            List<BufferedImage> pictures = FrameImages.pictures(pixels, FrameImages.scaleFor(pixels, FRAME_WIDTH));
            attempt("frames/", () -> FrameImages.writePngs(pictures, folder.resolve("frames")));
            attempt("frames.gif", () -> FrameImages.writeGif(pictures, folder.resolve("frames.gif"), GIF_FPS));
            attempt("frames.mp4", () -> FrameImages.writeMp4(pictures, folder.resolve("frames.mp4"), GIF_FPS));
            INDArray x = outcome.x();
            attempt("latents.safetensors", () -> SafetensorsWriter.write(folder.resolve("latents.safetensors"),
                    Map.of("latents", new SafetensorsWriter.Tensor(x.dup('c').data().asFloat(), x.shape()))));
        }
        attempt("l1.png", () -> L1Charts.of(signal, List.of(new RunSeries(label, outcome.rows())))
                .writePng(folder.resolve("l1.png"), 480, 360));
        return this;
    }

    /**
     * A sweep's files: every run's metrics with its swept columns, and the sweep figure (a row of
     * the three panels per facet value, runs coloured by {@code colour}; null picks the first
     * swept parameter that varies, and the next one for the facet).
     */
    public RunOutputs writeSweep(List<RunJob> jobs, List<RunOutcome> outcomes, String signal, String colour, String facet) {
        List<Map<String, String>> columns = new ArrayList<>();
        List<List<RowMetrics>> runs = new ArrayList<>();
        List<SweepFigure.Member> members = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            columns.add(jobs.get(i).columns());
            runs.add(outcomes.get(i).rows());
            members.add(new SweepFigure.Member(jobs.get(i).columns(), outcomes.get(i).rows()));
        }
        attempt("sweep.csv", () -> AtomicFiles.writeString(folder.resolve("sweep.csv"), RunMetricsCsv.sweep(columns, runs)));
        if (members.isEmpty()) {
            return this;
        }
        String c = colour != null ? colour : SweepFigure.defaultColour(members);
        String f = facet != null || colour != null ? facet : SweepFigure.defaultFacet(members, c);
        SweepFigure figure = SweepFigure.of(members, c, f, signal);
        for (String name : List.of("sweep.png", "sweep.svg")) {
            attempt(name, () -> Figure.write(figure, folder.resolve(name), figure.width(SWEEP_PANEL_WIDTH),
                    figure.height(SWEEP_PANEL_HEIGHT), Figure.SCREEN_DPI));
        }
        return this;
    }

    public List<String> written() {
        return List.copyOf(written);
    }

    /** Throws a RunException naming every output that could not be written (those written stay). */
    public void checkAllWritten() {
        if (!failed.isEmpty()) {
            throw new RunException("could not write " + String.join(", ", failed) + " in " + folder
                    + (written.isEmpty() ? "" : "; wrote " + String.join(", ", written)));
        }
    }
}
