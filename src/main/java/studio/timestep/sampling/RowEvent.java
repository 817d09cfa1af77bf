package studio.timestep.sampling;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Sent after each row: its metrics, the latent after the row and the current x0 estimate ([F, C, H, W], copies). */
public record RowEvent(RowMetrics metrics, INDArray x, INDArray x0) {
}
