package studio.timestep.model.wan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Attention in query blocks against a direct per-head softmax(QKᵀ/√d)·V. */
class WanAttentionTest {
    @Test
    void blockedAttentionEqualsTheDirectFormula() {
        Nd4j.getRandom().setSeed(11);
        int tokens = 37;
        int keys = 23;
        int heads = 3;
        int d = 4;
        INDArray q = Nd4j.randn(DataType.FLOAT, tokens, heads * d);
        INDArray k = Nd4j.randn(DataType.FLOAT, keys, heads * d);
        INDArray v = Nd4j.randn(DataType.FLOAT, keys, heads * d);
        INDArray expected = Nd4j.create(DataType.FLOAT, tokens, heads * d);
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < tokens; i++) {
                double[] w = new double[keys];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < keys; j++) {
                    double dot = 0;
                    for (int c = 0; c < d; c++) {
                        dot += q.getDouble(i, h * d + c) * k.getDouble(j, h * d + c);
                    }
                    w[j] = dot / Math.sqrt(d);
                    max = Math.max(max, w[j]);
                }
                double sum = 0;
                for (int j = 0; j < keys; j++) {
                    w[j] = Math.exp(w[j] - max);
                    sum += w[j];
                }
                for (int c = 0; c < d; c++) {
                    double o = 0;
                    for (int j = 0; j < keys; j++) {
                        o += w[j] / sum * v.getDouble(j, h * d + c);
                    }
                    expected.putScalar(i, h * d + c, o);
                }
            }
        }
        INDArray ks = split(k, heads);
        INDArray vs = split(v, heads);
        // one block, blocks of 5 query rows (37 = 7·5 + 2: a short last block), and one row at a time
        for (long budget : new long[] {1 << 20, 5L * heads * keys, 1}) {
            INDArray out = WanAttention.attend(split(q, heads).muli(1 / Math.sqrt(d)), ks, vs, budget);
            assertEquals(0, out.sub(expected).amaxNumber().doubleValue(), 1e-5, "budget " + budget);
        }
    }

    private static INDArray split(INDArray x, int heads) {
        return WanRowKernels.splitHeads(x, 0, Math.toIntExact(x.size(1)), heads);
    }
}
