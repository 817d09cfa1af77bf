package studio.timestep.plan;

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
        for (int f = 0; f < frames && problems.size() < LIMIT; f++) {
            FrameRole role = plan.role(f);
            if (role.isCondition() && role.source() == null) {
                problems.add(new PlanProblem(-1, f, "condition frame without a source: give it an image, a video "
                        + "frame or another frame of the plan"));
            }
            if (role.source() != null && role.source().kind() == FrameSource.Kind.PLAN_FRAME
                    && role.source().frame() >= frames) {
                problems.add(new PlanProblem(-1, f, "its source is frame " + role.source().frame()
                        + ", but the plan has " + frames + " frames"));
            }
            boolean heldAtZero = role.mode() == FrameRole.Mode.CLEAN || role.mode() == FrameRole.Mode.FIXED_LEVEL;
            for (int r = 0; r < rows && problems.size() < LIMIT; r++) {
                double s = plan.sigma(r, f);
                if (!(s >= 0 && s <= 1)) {
                    problems.add(new PlanProblem(r, f, "σ = " + fmt(s) + " is outside [0, 1]"));
                    continue;
                }
                double next = plan.next(r, f);
                if (next > s && !startsStage(plan, r + 1)) {
                    problems.add(new PlanProblem(r, f, "σ rises from " + fmt(s) + " to " + fmt(next)
                            + " after this row; a frame's level may only fall"));
                }
                if (plan.moves(r, f) && (f < plan.windowStart(r) || f >= plan.windowEnd(r))) {
                    problems.add(new PlanProblem(r, f, "frame moves but is outside the row's window ["
                            + plan.windowStart(r) + ", " + plan.windowEnd(r) + ")"));
                }
                if (heldAtZero && s != 0) {
                    problems.add(new PlanProblem(r, f, "a " + (role.mode() == FrameRole.Mode.CLEAN ? "clean" : "fixed-level")
                            + " condition frame is stored clean: σ must be 0, not " + fmt(s)));
                }
            }
            if (!(plan.finalLevel(f) >= 0 && plan.finalLevel(f) <= 1)) {
                problems.add(new PlanProblem(rows - 1, f, "final σ = " + fmt(plan.finalLevel(f)) + " is outside [0, 1]"));
            }
        }
        for (int r = 0; r < rows && maxWindow > 0 && problems.size() < LIMIT; r++) {
            int width = plan.windowEnd(r) - plan.windowStart(r);
            if (width > maxWindow) {
                problems.add(new PlanProblem(r, -1, "window has " + width + " frames; the model takes at most "
                        + maxWindow));
            }
        }
        if (problems.size() >= LIMIT) {
            problems.add(new PlanProblem(-1, -1, "more problems not listed (first " + LIMIT + " shown)"));
        }
        return problems;
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
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
