package studio.timestep.model.wan;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Scaled dot-product attention, softmax(Q·Kᵀ/√d)·V per head, computed in blocks of queries so
 * that the score matrix never exceeds {@link #SCORE_BUDGET} floats, whatever the token count
 * (81 frames at 480×832 are 32,760 tokens: a whole score matrix per head would be 4 GiB).
 */
final class WanAttention {
    /** Floats in one block of scores (64 MiB). */
    static final long SCORE_BUDGET = 16L << 20;

    private WanAttention() {
    }

    /** [tokens, heads·d] → [heads, tokens, d], contiguous per head. */
    static INDArray splitHeads(INDArray x, int heads) {
        long d = x.size(1) / heads;
        return x.reshape(x.size(0), heads, d).permute(1, 0, 2).dup('c');
    }

    /** q [tokens, heads·d]; k and v already split [heads, keys, d]; returns [tokens, heads·d]. */
    static INDArray attend(INDArray q, INDArray k, INDArray v, int heads) {
        long tokens = q.size(0);
        long keys = k.size(1);
        long d = k.size(2);
        INDArray qh = splitHeads(q, heads).muli(1 / Math.sqrt(d));
        INDArray out = Nd4j.create(DataType.FLOAT, heads, tokens, d);
        long block = Math.max(1, Math.min(tokens, SCORE_BUDGET / Math.max(1, keys)));
        for (int h = 0; h < heads; h++) {
            INDArray kh = k.get(NDArrayIndex.point(h), NDArrayIndex.all(), NDArrayIndex.all());
            INDArray vh = v.get(NDArrayIndex.point(h), NDArrayIndex.all(), NDArrayIndex.all());
            for (long start = 0; start < tokens; start += block) {
                long end = Math.min(tokens, start + block);
                INDArray qb = qh.get(NDArrayIndex.point(h), NDArrayIndex.interval(start, end), NDArrayIndex.all());
                INDArray scores = qb.mmul(kh.transpose());
                softmaxRows(scores);
                out.get(NDArrayIndex.point(h), NDArrayIndex.interval(start, end), NDArrayIndex.all())
                        .assign(scores.mmul(vh));
                scores.close();
            }
        }
        qh.close();
        return out.permute(1, 0, 2).dup('c').reshape(tokens, heads * d);
    }

    /** Numerically stable softmax along each row, in place. */
    static void softmaxRows(INDArray scores) {
        scores.subiColumnVector(scores.max(1).reshape(scores.size(0), 1));
        Transforms.exp(scores, false);
        scores.diviColumnVector(scores.sum(1).reshape(scores.size(0), 1));
    }
}
