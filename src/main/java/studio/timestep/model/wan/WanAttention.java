package studio.timestep.model.wan;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Scaled dot-product attention, softmax(Q·Kᵀ/√d)·V per head, computed in blocks of queries so
 * that the score matrix never exceeds {@link #SCORE_BUDGET} floats, whatever the token count
 * (81 frames at 480×832 are 32,760 tokens: a whole score matrix per head would be 4 GiB).
 */
final class WanAttention {
    /** Floats in one block of scores, all heads together (256 MiB). */
    static final long SCORE_BUDGET = 64L << 20;

    private WanAttention() {
    }

    /** qh, k and v split [heads, tokens or keys, d], qh already times 1/√d; returns [tokens, heads·d]. */
    static INDArray attend(INDArray qh, INDArray k, INDArray v) {
        return attend(qh, k, v, SCORE_BUDGET);
    }

    /** The same with at most {@code scoreBudget} floats of scores (all heads together) at a time. */
    static INDArray attend(INDArray qh, INDArray k, INDArray v, long scoreBudget) {
        long heads = qh.size(0);
        long tokens = qh.size(1);
        long keys = k.size(1);
        long d = k.size(2);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, heads, tokens, d);
        long budgetRows = Math.max(1, Math.min(tokens, scoreBudget / Math.max(1, (long) heads * keys)));
        // blocks of equal size within the budget (4,096 tokens: 4 × 1,024, not 3 × 1,365 and 1)
        long blocks = (tokens + budgetRows - 1) / budgetRows;
        long rows = (tokens + blocks - 1) / blocks;
        // all heads in one batched product per block of queries, written into reused buffers, not zeroed
        // (zeroing 256 MiB of scores took ~40 ms at 4,096 tokens; a Java loop over heads with per-head
        // views cost more than the products at 640 tokens)
        INDArray scoreBuffer = Nd4j.createUninitialized(DataType.FLOAT, heads, rows, keys);
        INDArray valueBuffer = Nd4j.createUninitialized(DataType.FLOAT, heads, rows, d);
        for (long start = 0; start < tokens; start += rows) {
            long end = Math.min(tokens, start + rows);
            boolean whole = start == 0 && end == tokens;
            INDArray qb = whole ? qh : qh.get(NDArrayIndex.all(), NDArrayIndex.interval(start, end), NDArrayIndex.all()).dup('c');
            INDArray scores = end - start == rows ? scoreBuffer
                    : scoreBuffer.get(NDArrayIndex.all(), NDArrayIndex.interval(0, end - start), NDArrayIndex.all()).dup('c');
            INDArray values = whole ? out : end - start == rows ? valueBuffer
                    : valueBuffer.get(NDArrayIndex.all(), NDArrayIndex.interval(0, end - start), NDArrayIndex.all()).dup('c');
            Nd4j.matmul(qb, k, scores, false, true, false);
            WanRowKernels.softmaxLastAxis(scores);
            Nd4j.matmul(scores, v, values, false, false, false);
            if (!whole) {
                out.get(NDArrayIndex.all(), NDArrayIndex.interval(start, end), NDArrayIndex.all()).assign(values);
            }
        }
        scoreBuffer.close();
        valueBuffer.close();
        INDArray merged = out.permute(1, 0, 2).dup('c').reshape(tokens, heads * d);
        out.close();
        return merged;
    }
}
