package studio.timestep.schedule;

import studio.timestep.param.ParameterRange;

/**
 * Wan2.2's switch between its two experts (A14B): a step runs the high-noise expert while its
 * timestep t ≥ boundary·1000, with t as the grid's convention computes it (Wan's UniPC truncates
 * 1000·σ to an integer), and the low-noise expert after (Wan-Video/Wan2.2 wan/text2video.py,
 * {@code if t.item() >= boundary}; boundaries in wan/configs/wan_t2v_A14B.py and wan_i2v_A14B.py).
 */
public record ExpertBoundary(double value) {
    public static final ParameterRange RANGE = ParameterRange.closed("boundary", 0, 1);
    /** Wan2.2 T2V-A14B. */
    public static final ExpertBoundary T2V_A14B = new ExpertBoundary(0.875);
    /** Wan2.2 I2V-A14B. */
    public static final ExpertBoundary I2V_A14B = new ExpertBoundary(0.900);

    public ExpertBoundary {
        RANGE.check(value);
    }

    /** How many steps of the grid the high-noise expert runs (the first ones; the rest are the low-noise expert's). */
    public int highSteps(SigmaGrid grid) {
        double threshold = value * 1000;
        int high = 0;
        while (high < grid.steps() && grid.timestep(high) >= threshold) {
            high++;
        }
        return high;
    }

    /** Whether step {@code i} runs the high-noise expert. */
    public boolean isHigh(SigmaGrid grid, int i) {
        return i < highSteps(grid);
    }
}
