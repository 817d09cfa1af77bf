package studio.timestep.plan;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The hand edits of the plan editor, each a pure function from a plan to a new plan. Levels
 * written are clamped to [0, 1]; the validator judges the result.
 */
public final class PlanEdits {
    private PlanEdits() {
    }

    /** Sets every cell within {@code radius} cells of (row, frame) to the level (a round brush). */
    public static TimestepPlan paint(TimestepPlan plan, int row, int frame, int radius, double level) {
        double v = clamp(level);
        double[] s = plan.levels();
        for (int r = Math.max(0, row - radius); r <= Math.min(plan.rows() - 1, row + radius); r++) {
            for (int f = Math.max(0, frame - radius); f <= Math.min(plan.frames() - 1, frame + radius); f++) {
                if ((r - row) * (r - row) + (f - frame) * (f - frame) <= radius * radius) {
                    s[r * plan.frames() + f] = v;
                }
            }
        }
        return plan.withOwnedSigma(s);
    }

    public static TimestepPlan fillRow(TimestepPlan plan, int row, double level) {
        double[] s = plan.levels();
        Arrays.fill(s, row * plan.frames(), (row + 1) * plan.frames(), clamp(level));
        return plan.withOwnedSigma(s);
    }

    public static TimestepPlan fillColumn(TimestepPlan plan, int frame, double level) {
        double[] s = plan.levels();
        for (int r = 0; r < plan.rows(); r++) {
            s[r * plan.frames() + frame] = clamp(level);
        }
        return plan.withOwnedSigma(s);
    }

    /**
     * Smooths each row across frames [frame0, frame1) with a [1 2 1]/4 filter (ends held), rows
     * [row0, row1): softens a hand-painted boundary.
     */
    public static TimestepPlan smooth(TimestepPlan plan, int row0, int row1, int frame0, int frame1) {
        double[] s = plan.levels();
        int frames = plan.frames();
        for (int r = Math.max(0, row0); r < Math.min(plan.rows(), row1); r++) {
            for (int f = Math.max(0, frame0) + 1; f < Math.min(frames, frame1) - 1; f++) {
                s[r * frames + f] = (plan.sigma(r, f - 1) + 2 * plan.sigma(r, f) + plan.sigma(r, f + 1)) / 4;
            }
        }
        return plan.withOwnedSigma(s);
    }

    /**
     * Delays frames [from, to) by {@code lag} rows (negative: advances them). A delay adds rows
     * at the end so the shifted frames still finish; frames start the delay at their first level.
     */
    public static TimestepPlan shiftFrames(TimestepPlan plan, int from, int to, int lag) {
        int frames = plan.frames();
        int rows = plan.rows() + Math.max(lag, 0);
        TimestepPlan.Builder b = plan.resized(rows);
        for (int f = Math.max(0, from); f < Math.min(frames, to); f++) {
            for (int r = 0; r < rows; r++) {
                int source = r - lag;
                double level = source < 0 ? plan.sigma(0, f) : source >= plan.rows() ? plan.finalLevel(f)
                        : plan.sigma(source, f);
                b.sigma(r, f, level);
            }
        }
        for (int r = plan.rows(); r < rows; r++) {
            b.window(r, Math.max(0, from), Math.min(frames, to));
        }
        return b.build();
    }

    /** Gives the frames one role; a clean or fixed condition also holds them at σ = 0. */
    public static TimestepPlan setRole(TimestepPlan plan, Collection<Integer> frames, FrameRole role) {
        Map<Integer, FrameRole> roles = new HashMap<>();
        frames.forEach(f -> roles.put(f, role));
        return setRoles(plan, roles);
    }

    /** Gives each frame its role; clean or fixed conditions are also held at σ = 0 (one pass over the levels). */
    public static TimestepPlan setRoles(TimestepPlan plan, Map<Integer, FrameRole> roles) {
        TimestepPlan p = plan;
        double[] s = null;
        double[] fin = null;
        for (var e : roles.entrySet()) {
            int f = e.getKey();
            FrameRole role = e.getValue();
            p = p.withRole(f, role);
            if (role.mode() == FrameRole.Mode.CLEAN || role.mode() == FrameRole.Mode.FIXED_LEVEL) {
                if (s == null) {
                    s = p.levels();
                    fin = p.finalLevels();
                }
                for (int r = 0; r < p.rows(); r++) {
                    s[r * p.frames() + f] = 0;
                }
                fin[f] = 0;
            }
        }
        return s == null ? p : p.withOwnedSigma(s).withFinalLevels(fin);
    }

    /** Moves one edge of the windows of rows [row0, row1) to {@code frame} (clamped to keep start ≤ end). */
    public static TimestepPlan moveWindowEdge(TimestepPlan plan, int row0, int row1, boolean endEdge, int frame) {
        TimestepPlan p = plan;
        for (int r = Math.max(0, row0); r < Math.min(plan.rows(), row1); r++) {
            int start = p.windowStart(r);
            int end = p.windowEnd(r);
            int edge = Math.max(0, Math.min(plan.frames(), frame));
            p = endEdge ? p.withWindow(r, start, Math.max(start, edge)) : p.withWindow(r, Math.min(edge, end), end);
        }
        return p;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
