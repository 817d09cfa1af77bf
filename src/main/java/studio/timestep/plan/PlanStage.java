package studio.timestep.plan;

/**
 * A run of rows evaluated at one resolution (upscale-refine: a low-resolution pass, then a
 * refine pass at full size). {@code scale} is the fraction of the output size, 1 for full size.
 */
public record PlanStage(String name, int firstRow, int endRow, double scale) {
    public PlanStage {
        if (firstRow < 0 || endRow < firstRow) {
            throw new IllegalArgumentException("stage rows must satisfy 0 ≤ first ≤ end");
        }
        if (!(scale > 0 && scale <= 1)) {
            throw new IllegalArgumentException("stage scale must be in (0, 1], got " + scale);
        }
    }
}
