package studio.timestep.plan;

import java.util.Arrays;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.schedule.SigmaGrid;

/**
 * Plans whose generated frames all follow the base schedule together ("Vectorized Timestepについて" ①–④, FVDM,
 * Pusa): T2V, T2I then I2V, interpolation and loop, V2V, upscale-refine, per-frame multipliers.
 * Frames that wait hold the schedule's first level, frames that are done hold 0.
 */
final class SynchronousTemplates {
    static final String START_IMAGE = "start.png";
    static final String END_IMAGE = "end.png";
    static final String SOURCE_VIDEO = "source.mp4";

    private SynchronousTemplates() {
    }

    /** Every frame runs the base schedule in every row. */
    static TimestepPlan t2v(int frames, SigmaGrid grid) {
        TimestepPlan.Builder b = TimestepPlan.builder(grid.steps(), frames).baseSigmas(grid.sigmas());
        fillSchedule(b, grid, 0, 0, frames);
        return b.build();
    }

    /** Frame 0 alone first (T2I, window [0,1)), then the rest conditioned on it (I2V). */
    static TimestepPlan t2iThenI2v(int frames, SigmaGrid grid) {
        int s = grid.steps();
        TimestepPlan.Builder b = TimestepPlan.builder(2 * s, frames).baseSigmas(grid.sigmas());
        for (int r = 0; r < 2 * s; r++) {
            for (int f = 0; f < frames; f++) {
                double level = f == 0 ? (r < s ? grid.sigma(r) : 0) : (r < s ? grid.sigma(0) : grid.sigma(r - s));
                b.sigma(r, f, level);
            }
            b.window(r, 0, r < s ? 1 : frames);
        }
        return b.stage(new PlanStage("T2I", 0, s, 1)).stage(new PlanStage("I2V", s, 2 * s, 1)).build();
    }

    /** First and last frames held clean from two images (loop: the same image for both). */
    static TimestepPlan interpolation(int frames, SigmaGrid grid, boolean loop) {
        if (frames < 3) {
            throw new InvalidParameterException("frames", "interpolation needs at least 3 frames, got " + frames);
        }
        TimestepPlan.Builder b = TimestepPlan.builder(grid.steps(), frames).baseSigmas(grid.sigmas());
        fillSchedule(b, grid, 0, 1, frames - 1);
        b.column(0, 0).role(0, FrameRole.clean(FrameSource.image(START_IMAGE)));
        // a loop ends on its own first frame: the same content at both ends, not merely the same file
        b.column(frames - 1, 0).role(frames - 1, FrameRole.clean(loop ? FrameSource.planFrame(0) : FrameSource.image(END_IMAGE)));
        return b.build();
    }

    /** All frames start from a source video noised to the first grid level at or below the strength. */
    static TimestepPlan v2v(int frames, double strength, SigmaGrid grid) {
        int k0 = firstStepAtOrBelow(grid, strength);
        TimestepPlan.Builder b = TimestepPlan.builder(grid.steps() - k0, frames).baseSigmas(grid.sigmas());
        fillSchedule(b, grid, k0, 0, frames);
        for (int f = 0; f < frames; f++) {
            b.role(f, FrameRole.generateFrom(FrameSource.video(SOURCE_VIDEO, f)));
        }
        return b.build();
    }

    /** A low-resolution T2V pass, then the enlarged result re-noised to the strength and refined. */
    static TimestepPlan upscaleRefine(int frames, double strength, double scale, SigmaGrid grid) {
        int s = grid.steps();
        int k0 = firstStepAtOrBelow(grid, strength);
        int refine = s - k0;
        TimestepPlan.Builder b = TimestepPlan.builder(s + refine, frames).baseSigmas(grid.sigmas());
        for (int f = 0; f < frames; f++) {
            for (int r = 0; r < s; r++) {
                b.sigma(r, f, grid.sigma(r));
            }
            for (int r = 0; r < refine; r++) {
                b.sigma(s + r, f, grid.sigma(k0 + r));
            }
        }
        return b.stage(new PlanStage("low resolution", 0, s, 1 / scale))
                .stage(new PlanStage("refine", s, s + refine, 1)).build();
    }

    /**
     * FVDM/Pusa: frame f runs m_f·σ of the row. m = 1 generates, 0 &lt; m &lt; 1 is a lightly noised
     * condition, m = 0 a clean one. Multipliers are given for the first frames; the rest are 1.
     */
    static TimestepPlan multipliers(int frames, String list, SigmaGrid grid) {
        double[] m = parseMultipliers(list, frames);
        TimestepPlan.Builder b = TimestepPlan.builder(grid.steps(), frames).baseSigmas(grid.sigmas());
        for (int f = 0; f < frames; f++) {
            for (int r = 0; r < grid.steps(); r++) {
                b.sigma(r, f, m[f] * grid.sigma(r));
            }
            FrameSource source = FrameSource.image("frame" + f + ".png");
            if (m[f] == 0) {
                b.role(f, FrameRole.clean(source));
            } else if (m[f] < 1) {
                b.role(f, FrameRole.scaled(m[f], source));
            }
        }
        return b.build();
    }

    static double[] parseMultipliers(String list, int frames) {
        double[] m = new double[frames];
        Arrays.fill(m, 1);
        String body = list == null ? "" : list.trim();
        if (body.isEmpty()) {
            return m;
        }
        String[] parts = body.split("[,\\s]+");
        if (parts.length > frames) {
            throw new InvalidParameterException("multipliers", "gives " + parts.length + " values for " + frames + " frames");
        }
        for (int i = 0; i < parts.length; i++) {
            try {
                m[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new InvalidParameterException("multipliers", "'" + parts[i] + "' (value " + (i + 1) + ") is not a number");
            }
            if (!(m[i] >= 0 && m[i] <= 1)) {
                throw new InvalidParameterException("multipliers", "value " + (i + 1) + " (" + parts[i] + ") is outside [0, 1]");
            }
        }
        return m;
    }

    /** Sets frames [from, to) to follow the grid from step k0 (row r at level σ_{k0+r}); final 0. */
    static void fillSchedule(TimestepPlan.Builder b, SigmaGrid grid, int k0, int from, int to) {
        for (int r = 0; r < b.rows(); r++) {
            double level = grid.sigma(k0 + r);
            for (int f = from; f < to; f++) {
                b.sigma(r, f, level);
            }
        }
    }

    /** The first step whose level is at or below the strength (V2V starts there). */
    static int firstStepAtOrBelow(SigmaGrid grid, double strength) {
        for (int k = 0; k < grid.steps(); k++) {
            if (grid.sigma(k) <= strength + 1e-12) {
                return k;
            }
        }
        throw new InvalidParameterException("strength", "no step of the schedule starts at or below σ = " + strength
                + " (the last step starts at " + grid.sigma(grid.steps() - 1) + ")");
    }
}
