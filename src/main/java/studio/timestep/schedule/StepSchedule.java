package studio.timestep.schedule;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Anything that gives a sigma grid for a step count: a shift curve under a convention, or a
 * schedule defined per step (Movie Gen linear-quadratic, a manual list).
 */
public interface StepSchedule {

    SigmaGrid sigmaGrid(int steps, GridConvention convention);

    /** The step count the schedule itself fixes (a manual list), if any. */
    default OptionalInt fixedSteps() {
        return OptionalInt.empty();
    }

    /** Whether the grid depends on the convention (only shift curves do). */
    default boolean usesConvention() {
        return false;
    }

    /** Short human description, e.g. "flow shift s=5". */
    String label();

    /**
     * The type and parameters, keyed as the command line and the JSON files name them;
     * {@link ScheduleFactory#fromDescription} rebuilds an equal schedule from it.
     */
    Map<String, Object> describe();
}
