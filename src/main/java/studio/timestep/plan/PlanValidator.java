package studio.timestep.plan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a plan and returns every problem at its (row, frame) with a message a person can act
 * on: levels outside [0,1], a level rising along a frame's trajectory (except where a new stage
 * re-noises), a frame moving outside
 * its row's window, a condition frame without a source, a clean or fixed condition frame that
 * is not held at 0, a window wider than the model takes.
 */
public final class PlanValidator {
    /** Problems past this many are summarised, so a broken 2000 × 2000 plan stays readable. */
    public static final int LIMIT = 1000;

    private PlanValidator() {
    }

    /**
     * @param maxWindow the widest window the model takes, or 0 for no limit
     */
    public static List<PlanProblem> validate(TimestepPlan plan, int maxWindow) {
        List<PlanProblem> problems = new ArrayList<>();
        int rows = plan.rows();
        int frames = plan.frames();
        boolean[] heldAtZero = new boolean[frames];
        for (int f = 0; f < frames; f++) {
            FrameRole role = plan.role(f);
            heldAtZero[f] = role.mode() == FrameRole.Mode.CLEAN || role.mode() == FrameRole.Mode.FIXED_LEVEL;
            if (role.isCondition() && role.source() == null) {
                add(problems, new PlanProblem(-1, f, "condition frame without a source: give it an image, a video "
                        + "frame or another frame of the plan"));
            }
            if (role.source() != null && role.source().kind() == FrameSource.Kind.PLAN_FRAME
                    && role.source().frame() >= frames) {
                add(problems, new PlanProblem(-1, f, "its source is frame " + role.source().frame()
                        + ", but the plan has " + frames + " frames"));
            }
        }
        double[] levels = plan.levelArray();
        // row by row, in memory order: a 2000 × 2000 plan is checked on every edit
        for (int r = 0; r < rows && problems.size() < LIMIT; r++) {
            int offset = r * frames;
            boolean lastRow = r + 1 == rows;
            boolean renoise = !lastRow && startsStage(plan, r + 1);
            int start = plan.windowStart(r);
            int end = plan.windowEnd(r);
            for (int f = 0; f < frames; f++) {
                double s = levels[offset + f];
                if (!(s >= 0 && s <= 1)) {
                    add(problems, new PlanProblem(r, f, "σ = " + fmt(s) + " is outside [0, 1]"));
                    continue;
                }
                double next = lastRow ? plan.finalLevel(f) : levels[offset + frames + f];
                if (next > s && !renoise) {
                    add(problems, new PlanProblem(r, f, "σ rises from " + fmt(s) + " to " + fmt(next)
                            + " after this row; a frame's level may only fall"));
                }
                if (next != s && (f < start || f >= end)) {
                    add(problems, new PlanProblem(r, f, "frame moves but is outside the row's window ["
                            + start + ", " + end + ")"));
                }
                if (heldAtZero[f] && s != 0) {
                    add(problems, new PlanProblem(r, f, "a " + (plan.role(f).mode() == FrameRole.Mode.CLEAN ? "clean"
                            : "fixed-level") + " condition frame is stored clean: σ must be 0, not " + fmt(s)));
                }
            }
        }
        for (int f = 0; f < frames; f++) {
            if (!(plan.finalLevel(f) >= 0 && plan.finalLevel(f) <= 1)) {
                add(problems, new PlanProblem(rows - 1, f, "final σ = " + fmt(plan.finalLevel(f)) + " is outside [0, 1]"));
            }
        }
        for (int r = 0; r < rows && maxWindow > 0; r++) {
            int width = plan.windowEnd(r) - plan.windowStart(r);
            if (width > maxWindow) {
                add(problems, new PlanProblem(r, -1, "window has " + width + " frames; the model takes at most "
                        + maxWindow));
            }
        }
        if (problems.size() >= LIMIT) {
            problems.add(new PlanProblem(-1, -1, "more problems not listed (first " + LIMIT + " shown)"));
        }
        return problems;
    }

    private static void add(List<PlanProblem> problems, PlanProblem p) {
        if (problems.size() < LIMIT) {
            problems.add(p);
        }
    }

    /** Re-noising between stages (upscale, then refine) is what a stage boundary is for. */
    private static boolean startsStage(TimestepPlan plan, int row) {
        for (int i = 1; i < plan.stages().size(); i++) {
            if (plan.stages().get(i).firstRow() == row) {
                return true;
            }
        }
        return false;
    }

    private static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return BigDecimal.valueOf(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
