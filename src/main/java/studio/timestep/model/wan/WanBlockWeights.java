package studio.timestep.model.wan;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One transformer block's parameters in FLOAT32 (norm2 may be absent when cross_attn_norm is off).
 * {@code selfQkv} stacks the self-attention's query, key and value projections into one [3·dim, dim]
 * layer, so they take one matrix product (self's own q, k, v are then null).
 */
record WanBlockWeights(Attention self, WanLinear selfQkv, Attention cross, INDArray norm2Weight, INDArray norm2Bias,
                       WanLinear ffnIn, WanLinear ffnOut, INDArray modulation) {
    /** One attention layer: projections and the RMSNorm weights of query and key (across heads). */
    record Attention(WanLinear q, WanLinear k, WanLinear v, WanLinear out, INDArray normQ, INDArray normK) {
    }
}
