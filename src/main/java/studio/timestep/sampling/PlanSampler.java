package studio.timestep.sampling;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A sampler over per-frame noise levels: one call advances the frames that move in a row from
 * σ to σ' (frames that do not move keep x and their history). Each frame keeps its own history,
 * so multistep methods work on vectorized plans. x is [frames, C·H·W].
 */
public interface PlanSampler {
    /**
     * @param v0 the velocity already evaluated at (x, σ) for this row
     * @return the new x (frames that do not move unchanged)
     */
    INDArray step(INDArray x, INDArray v0, double[] sigma, double[] next, boolean[] moving, GuidedVelocity velocity);

    /** Model evaluations a row costs beyond the first. */
    default int extraEvaluationsPerRow() {
        return 0;
    }

    /** log(α/σ) of flow matching, α = 1 − σ (+∞ at σ = 0): the multistep samplers' time variable. */
    static double lambda(double sigma) {
        return Math.log(1 - sigma) - Math.log(sigma);
    }
}
