package studio.timestep.sampling;

/**
 * What one row of a run measured. {@code timestep} is 1000·σ averaged over the frames that move
 * in the row (the row's level for a synchronous plan). L1 values are NaN where there is no
 * previous value to compare with. A run under a step cache carries the cache's signal, accumulated
 * value and decision for the row's conditional call; a run without one has NaN, NaN and false.
 */
public record RowMetrics(int row, int rows, double timestep, double latentL1, double condL1, double guidedL1,
                         double cacheSignal, double cacheAccumulated, boolean cacheSkipped, double[] sigmas, double[] latentL1PerFrame,
                         double[] condL1PerFrame, double[] guidedL1PerFrame) {

    /** A row's metrics before any step cache has decided on it. */
    public RowMetrics(int row, int rows, double timestep, double latentL1, double condL1, double guidedL1, double[] sigmas,
                      double[] latentL1PerFrame, double[] condL1PerFrame, double[] guidedL1PerFrame) {
        this(row, rows, timestep, latentL1, condL1, guidedL1, Double.NaN, Double.NaN, false, sigmas, latentL1PerFrame,
                condL1PerFrame, guidedL1PerFrame);
    }

    /** The same row with a step cache's signal, accumulated value and decision. */
    public RowMetrics withCacheDecision(double signal, double accumulated, boolean skipped) {
        return new RowMetrics(row, rows, timestep, latentL1, condL1, guidedL1, signal, accumulated, skipped, sigmas, latentL1PerFrame,
                condL1PerFrame, guidedL1PerFrame);
    }

    /** The value of the named signal: "latent", "cond" or "guided". */
    public double signal(String name) {
        return switch (name) {
            case "latent" -> latentL1;
            case "cond" -> condL1;
            default -> guidedL1;
        };
    }

    public double[] signalPerFrame(String name) {
        return switch (name) {
            case "latent" -> latentL1PerFrame;
            case "cond" -> condL1PerFrame;
            default -> guidedL1PerFrame;
        };
    }
}
