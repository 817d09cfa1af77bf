package studio.timestep.plan;

import java.util.List;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.schedule.SigmaGrid;

/**
 * Plans made of segments run one after another ("Vectorized Timestepについて" ②, ⑤, ⑥; FVDM long video): I2V chaining
 * from the last frame, long video in overlapping chunks, and a prompt-blend boundary.
 */
final class SegmentedTemplates {
    private SegmentedTemplates() {
    }

    /**
     * K segments of F frames; segment k starts from the last frame of segment k-1 (frame 0 from
     * an image). Frames are laid end to end: 1 + K·(F-1) in all.
     */
    static TimestepPlan i2vChain(int framesPerSegment, int segments, SigmaGrid grid) {
        return chunks(framesPerSegment, 1, segments, grid, true);
    }

    /** K chunks of W frames; chunk k holds the last M frames of chunk k-1 at σ = 0. */
    static TimestepPlan longVideo(int chunkFrames, int overlap, int chunks, SigmaGrid grid) {
        if (overlap >= chunkFrames) {
            throw new InvalidParameterException("overlap", "must be smaller than the chunk (" + chunkFrames + "), got " + overlap);
        }
        return chunks(chunkFrames, overlap, chunks, grid, false);
    }

    private static TimestepPlan chunks(int width, int overlap, int count, SigmaGrid grid, boolean firstFromImage) {
        int s = grid.steps();
        int stride = width - overlap;
        long total = width + (long) (count - 1) * stride;
        if (total > TimestepPlan.MAX_SIZE || (long) count * s > TimestepPlan.MAX_SIZE) {
            throw new InvalidParameterException("chunks", "gives " + total + " frames × " + (long) count * s
                    + " rows; at most " + TimestepPlan.MAX_SIZE + " each");
        }
        TimestepPlan.Builder b = TimestepPlan.builder(count * s, (int) total).baseSigmas(grid.sigmas());
        for (int k = 0; k < count; k++) {
            int start = k * stride;
            int heldEnd = k == 0 ? (firstFromImage ? 1 : 0) : start + overlap;
            for (int r = k * s; r < (k + 1) * s; r++) {
                for (int f = 0; f < total; f++) {
                    double level;
                    if (f < heldEnd) {
                        level = 0;
                    } else if (f < start + width) {
                        level = grid.sigma(r - k * s);
                    } else {
                        level = grid.sigma(0);
                    }
                    b.sigma(r, f, level);
                }
                b.window(r, start, start + width);
            }
            b.stage(new PlanStage((firstFromImage ? "segment " : "chunk ") + (k + 1), k * s, (k + 1) * s, 1));
        }
        if (firstFromImage) {
            b.role(0, FrameRole.clean(FrameSource.image(SynchronousTemplates.START_IMAGE)));
        }
        return b.build();
    }

    /**
     * V2V across a prompt change at frame {@code boundary}: prompt weights crossfade from "A" to
     * "B" over {@code width} frames, and frames near the boundary are re-noised more — the start
     * level rises from {@code strength} to {@code peak} at the boundary. Each frame waits at its
     * start level, then follows the base grid, so all frames finish together.
     */
    static TimestepPlan promptBlend(int frames, double boundary, double width, double strength, double peak,
                                    SigmaGrid grid) {
        if (peak < strength) {
            throw new InvalidParameterException("peak", "must be at least the strength (" + strength + "), got " + peak);
        }
        int kPeak = SynchronousTemplates.firstStepAtOrBelow(grid, peak);
        int rows = grid.steps() - kPeak;
        TimestepPlan.Builder b = TimestepPlan.builder(rows, frames).baseSigmas(grid.sigmas());
        double[][] weights = new double[frames][2];
        for (int f = 0; f < frames; f++) {
            double closeness = Math.max(0, 1 - Math.abs(f - boundary) / width);
            int kStart = SynchronousTemplates.firstStepAtOrBelow(grid, strength + (peak - strength) * closeness);
            for (int r = 0; r < rows; r++) {
                b.sigma(r, f, grid.sigma(Math.max(kStart, kPeak + r)));
            }
            double t = Math.max(0, Math.min(1, (f - (boundary - width / 2)) / width));
            double smooth = t * t * (3 - 2 * t);
            weights[f][0] = 1 - smooth;
            weights[f][1] = smooth;
            b.role(f, FrameRole.generateFrom(FrameSource.video(SynchronousTemplates.SOURCE_VIDEO, f)));
        }
        return b.prompts(List.of("A", "B"), weights).build();
    }
}
