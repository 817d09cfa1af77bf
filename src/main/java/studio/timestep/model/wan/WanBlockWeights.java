package studio.timestep.model.wan;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One transformer block's parameters in FLOAT32 (norm2 may be absent when cross_attn_norm is off). */
record WanBlockWeights(SelfAttention self, CrossAttention cross, INDArray norm2Weight, INDArray norm2Bias,
                       WanLinear ffnIn, WanLinear ffnOut, INDArray modulation) {
    /**
     * Self-attention with the query, key and value projections stacked into one [3·dim, dim]
     * layer, so they take one matrix product; the RMSNorm weights of query and key (across heads).
     */
    record SelfAttention(WanLinear qkv, WanLinear out, INDArray normQ, INDArray normK) {
    }

    /** Cross-attention to the prompt: the key and value projections apply to the text once per prompt. */
    record CrossAttention(WanLinear q, WanLinear k, WanLinear v, WanLinear out, INDArray normQ, INDArray normK) {
    }
}
