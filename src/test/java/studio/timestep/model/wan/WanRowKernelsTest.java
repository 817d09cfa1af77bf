package studio.timestep.model.wan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Softmax and GELU against the formulas in double, on one thread and on all, on dense arrays and views. */
class WanRowKernelsTest {
    @Test
    void softmaxOfEveryRowEqualsTheFormula() {
        Nd4j.getRandom().setSeed(5);
        // 3 × 7 rows of 11 (one thread), and 3 × 400 rows of 129 (all cores, 129 not a multiple of 8)
        for (long[] shape : new long[][] {{3, 7, 11}, {3, 400, 129}}) {
            INDArray scores = Nd4j.randn(DataType.FLOAT, shape).muli(20);
            scores.putScalar(0, 0, 0, 1e4f);
            INDArray expected = softmaxInDouble(scores);
            WanRowKernels.softmaxLastAxis(scores);
            assertEquals(0, scores.sub(expected).amaxNumber().doubleValue(), 1e-6, "shape " + shape[2]);
            assertEquals(1, scores.getDouble(0, 0, 0), 0);
        }
    }

    @Test
    void softmaxOfAViewWritesIntoTheViewOnly() {
        Nd4j.getRandom().setSeed(6);
        INDArray whole = Nd4j.randn(DataType.FLOAT, 10, 6);
        INDArray before = whole.dup();
        INDArray rows = whole.get(NDArrayIndex.interval(4, 7), NDArrayIndex.all());
        INDArray expected = softmaxInDouble(rows);
        WanRowKernels.softmaxLastAxis(rows);
        assertEquals(0, whole.get(NDArrayIndex.interval(4, 7), NDArrayIndex.all()).sub(expected).amaxNumber().doubleValue(), 1e-6);
        assertEquals(before.get(NDArrayIndex.interval(0, 4), NDArrayIndex.all()), whole.get(NDArrayIndex.interval(0, 4), NDArrayIndex.all()));
        assertEquals(before.get(NDArrayIndex.interval(7, 10), NDArrayIndex.all()), whole.get(NDArrayIndex.interval(7, 10), NDArrayIndex.all()));
    }

    @Test
    void geluEqualsTheTanhFormula() {
        Nd4j.getRandom().setSeed(7);
        // 5 values (one thread) and 70,001 (all cores, a last piece shorter than the others)
        for (int n : new int[] {5, 70_001}) {
            INDArray x = Nd4j.randn(DataType.FLOAT, 1, n).muli(4);
            x.putScalar(0, 0, -30f);
            x.putScalar(0, 1, 30f);
            x.putScalar(0, 2, 0f);
            x.putScalar(0, 3, -3f);
            float[] input = x.toFloatVector();
            WanOps.geluTanh(x);
            for (int i = 0; i < n; i++) {
                double v = input[i];
                double expected = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
                assertEquals(expected, x.getFloat(0, i), 4e-7 * Math.max(1, Math.abs(v)), "x " + v);
            }
        }
    }

    @Test
    void maxAndSumSeeEveryValueAndNaNPropagates() {
        // every length to 40 (odd lengths leave a middle element at some halving), the largest value at every place
        for (int n = 1; n <= 40; n++) {
            for (int at = 0; at < n; at++) {
                float[] values = new float[n + 3];
                float expectedSum = 0;
                for (int i = 0; i < n; i++) {
                    values[i] = i == at ? 50 : -i;
                    expectedSum += values[i];
                }
                values[n] = 1000;
                assertEquals(50, WanRowKernels.max(values, n, new float[n / 2], new float[n / 2]), "n " + n + " at " + at);
                assertEquals(expectedSum, WanRowKernels.sum(values, n, new float[n / 2], new float[n / 2]), "n " + n + " at " + at);
            }
        }
        INDArray row = Nd4j.create(new float[] {1, Float.NaN, 3}, 1, 3);
        WanRowKernels.softmaxLastAxis(row);
        for (float v : row.toFloatVector()) {
            assertTrue(Float.isNaN(v));
        }
    }

    private static INDArray softmaxInDouble(INDArray scores) {
        long columns = scores.size(scores.rank() - 1);
        float[] v = scores.dup('c').reshape(scores.length()).toFloatVector();
        float[] out = new float[v.length];
        for (int start = 0; start < v.length; start += columns) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < columns; i++) {
                max = Math.max(max, v[start + i]);
            }
            double sum = 0;
            for (int i = 0; i < columns; i++) {
                sum += Math.exp(v[start + i] - max);
            }
            for (int i = 0; i < columns; i++) {
                out[start + i] = (float) (Math.exp(v[start + i] - max) / sum);
            }
        }
        return Nd4j.create(out, scores.shape(), DataType.FLOAT);
    }
}
