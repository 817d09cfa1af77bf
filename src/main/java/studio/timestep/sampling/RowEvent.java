package studio.timestep.sampling;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sent after each row: its metrics, the latent after the row, the current x0 estimate and the
 * input the model saw in the row (x before it, condition frames substituted) ([F, C, H, W], copies).
 */
public record RowEvent(RowMetrics metrics, INDArray x, INDArray x0, INDArray input) {
}
