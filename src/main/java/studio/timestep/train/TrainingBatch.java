package studio.timestep.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training batch as the graph's placeholders take it: x_σ [B, C, F, H, W], each frame's
 * sinusoidal time embedding [B·F, freq_dim], the caption's words one-hot [B·L, vocabulary]
 * (zero rows for padding), the velocity target ε − x0 and each frame's loss weight [B, 1, F, 1, 1].
 */
public record TrainingBatch(INDArray latent, INDArray time, INDArray words, INDArray target,
                            INDArray weight) {
}
