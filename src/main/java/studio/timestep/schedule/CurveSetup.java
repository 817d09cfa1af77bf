package studio.timestep.schedule;

import studio.timestep.param.InvalidParameterException;
import studio.timestep.param.ParameterRange;

/**
 * One curve of the workspace: a named schedule with the convention and step count its grid
 * is computed with, and whether it is shown.
 */
public record CurveSetup(String name, StepSchedule schedule, GridConvention convention, int steps, boolean visible) {
    public static final ParameterRange STEPS = ParameterRange.closed("steps", 1, 10_000);

    public CurveSetup {
        if (name == null || name.isBlank()) {
            throw new InvalidParameterException("name", "must not be empty");
        }
        STEPS.checkInt(steps);
        if (schedule.fixedSteps().isPresent()) {
            steps = schedule.fixedSteps().getAsInt();
        }
        schedule.sigmaGrid(steps, convention); // refuses a schedule that cannot give this grid
    }

    public SigmaGrid grid() {
        return schedule.sigmaGrid(steps, convention);
    }

    public CurveSetup withName(String newName) {
        return new CurveSetup(newName, schedule, convention, steps, visible);
    }

    /** The same curve with another schedule; a name that states a changed parameter follows it. */
    public CurveSetup withSchedule(StepSchedule newSchedule) {
        return new CurveSetup(CurveNames.follow(name, this, newSchedule, steps), newSchedule, convention, steps, visible);
    }

    public CurveSetup withConvention(GridConvention newConvention) {
        return new CurveSetup(name, schedule, newConvention, steps, visible);
    }

    public CurveSetup withSteps(int newSteps) {
        return new CurveSetup(CurveNames.follow(name, this, schedule, newSteps), schedule, convention, newSteps, visible);
    }

    public CurveSetup withVisible(boolean shown) {
        return new CurveSetup(name, schedule, convention, steps, shown);
    }
}
