package studio.timestep.plan;

/**
 * One thing wrong with a plan, where it is: a row and a frame, or -1 for "every row" (a frame's
 * role) or "every frame" (a row's window).
 */
public record PlanProblem(int row, int frame, String message) {
    public String location() {
        if (row < 0 && frame < 0) {
            return "plan";
        }
        if (row < 0) {
            return "frame " + frame;
        }
        if (frame < 0) {
            return "row " + row;
        }
        return "row " + row + ", frame " + frame;
    }

    @Override
    public String toString() {
        return location() + ": " + message;
    }
}
