package studio.timestep.schedule;

/**
 * A shift curve g: [0,1] → [0,1], monotone, g(0) = 0, g(1) = 1, applied to a base grid u of
 * sigmas (SD3, Esser et al. 2024, the time shift). The grid conventions of {@link GridConvention} decide u.
 */
public interface ShiftCurve extends StepSchedule {

    double apply(double u);

    /**
     * g'(u) by finite differences: a fourth-order central stencil inside, second-order
     * one-sided stencils at the ends, so slopes at 0, ½ and 1 read to about 1e-8.
     */
    default double slope(double u) {
        double h = 2e-5;
        if (u - 2 * h < 0) {
            double a = Math.max(u, 0);
            return (-3 * apply(a) + 4 * apply(a + h) - apply(a + 2 * h)) / (2 * h);
        }
        if (u + 2 * h > 1) {
            double b = Math.min(u, 1);
            return (3 * apply(b) - 4 * apply(b - h) + apply(b - 2 * h)) / (2 * h);
        }
        return (-apply(u + 2 * h) + 8 * apply(u + h) - 8 * apply(u - h) + apply(u - 2 * h)) / (12 * h);
    }

    /**
     * Whether diffusers' FlowMatchEuler constructor already applies this curve to its training
     * sigmas (true for a static shift; false for dynamic shifting, whose constructor leaves them).
     * Decides σ_min of the {@code diffusers-euler} convention.
     */
    default boolean shiftsTrainingSigmas() {
        return true;
    }

    @Override
    default SigmaGrid sigmaGrid(int steps, GridConvention convention) {
        return convention.grid(this, steps);
    }

    @Override
    default boolean usesConvention() {
        return true;
    }
}
