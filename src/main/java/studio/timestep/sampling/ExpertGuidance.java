package studio.timestep.sampling;

import studio.timestep.param.ParameterRange;
import studio.timestep.plan.TimestepPlan;

/**
 * Guidance per expert of a two-expert model (Wan2.2 A14B): rows whose timestep t is at least
 * boundary·1000 take the high-noise expert's guidance, the rest the low-noise expert's
 * (Wan-Video/Wan2.2 wan/text2video.py: {@code if t.item() >= boundary}, with
 * {@code sample_guide_scale} a pair, e.g. (3.0, 4.0) low/high in wan/configs/wan_t2v_A14B.py).
 * A row's t is the mean 1000·σ of its moving frames, the timestep the run's metrics show.
 */
public record ExpertGuidance(double boundary, double lowGuidance) {
    public ExpertGuidance {
        ParameterRange.closed("expert-boundary", 0, 1).check(boundary);
        ParameterRange.closed("guidance-low", 1, 50).check(lowGuidance);
    }

    /** The guidance of a row at {@code timestep} when the high-noise expert's is {@code highGuidance}. */
    public double at(double timestep, double highGuidance) {
        return timestep >= boundary * 1000 ? highGuidance : lowGuidance;
    }

    /** The first row the low-noise expert runs (the plan's rows if none). */
    public int switchRow(TimestepPlan plan) {
        for (int r = 0; r < plan.rows(); r++) {
            double sum = 0;
            int moving = 0;
            for (int f = 0; f < plan.frames(); f++) {
                if (plan.moves(r, f) && !plan.role(f).isCondition()) {
                    sum += 1000 * plan.sigma(r, f);
                    moving++;
                }
            }
            if (moving > 0 && sum / moving < boundary * 1000) {
                return r;
            }
        }
        return plan.rows();
    }
}
