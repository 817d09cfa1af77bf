package studio.timestep.run;

import studio.timestep.schedule.CurveSetup;

/**
 * What made a plan: a template's id (or a plan file's name, or "edited …") and the curve setup
 * of its base grid (null for a plan read from a file, whose grid is its own).
 */
public record PlanOrigin(String template, CurveSetup base) {
    public PlanOrigin {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("a plan origin needs a name");
        }
    }
}
