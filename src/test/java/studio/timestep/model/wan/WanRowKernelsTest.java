package studio.timestep.model.wan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The row kernels (softmax, GELU, the norms, RoPE, head splits) against the formulas in double, on one thread and on all, on dense arrays and views. */
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
            WanRowKernels.geluTanh(x);
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

    @Test
    void layerNormThenEachRowsScaleAndShiftEqualTheFormula() {
        Nd4j.getRandom().setSeed(8);
        // 3 rows (one thread) and 300 rows of 129 (all cores); rows in groups 0, 1, 0, 1, ...
        for (int rows : new int[] {3, 300}) {
            int columns = 129;
            INDArray x = Nd4j.randn(DataType.FLOAT, rows, columns).muli(3).addi(5);
            float[][] scale = {random(columns, 9), random(columns, 10)};
            float[][] shift = {random(columns, 11), random(columns, 12)};
            int[] group = new int[rows];
            for (int r = 0; r < rows; r++) {
                group[r] = r % 2;
            }
            INDArray before = x.dup();
            INDArray plain = WanRowKernels.layerNorm(x, 1e-6, null, null, null);
            // as the transformer passes them: rows (views) of a modulation table
            INDArray table = Nd4j.create(new float[][] {scale[0], scale[1], shift[0], shift[1]});
            INDArray modulated = WanRowKernels.layerNorm(x, 1e-6, new INDArray[] {table.getRow(0), table.getRow(1)},
                    new INDArray[] {table.getRow(2), table.getRow(3)}, group);
            assertEquals(before, x);
            for (int r = 0; r < rows; r++) {
                double mean = 0;
                for (int c = 0; c < columns; c++) {
                    mean += x.getDouble(r, c) / columns;
                }
                double variance = 0;
                for (int c = 0; c < columns; c++) {
                    variance += Math.pow(x.getDouble(r, c) - mean, 2) / columns;
                }
                for (int c = 0; c < columns; c++) {
                    double normed = (x.getDouble(r, c) - mean) / Math.sqrt(variance + 1e-6);
                    assertEquals(normed, plain.getDouble(r, c), 2e-6, "row " + r);
                    assertEquals(normed * scale[r % 2][c] + shift[r % 2][c], modulated.getDouble(r, c), 4e-6, "row " + r);
                }
            }
        }
    }

    @Test
    void rmsNormOfAColumnRangeThenRopeAndHeadSplitsEqualTheFormulaAndTheGraphsTables() {
        WanConfig config = new WanConfig(new int[] {1, 2, 2}, 2, 8, 4, 4, 4, 16, 16, 2, true, 1e-6, 64);
        int frames = 2;
        int rows = 3;
        int columns = 4;
        int tokens = frames * rows * columns;
        int width = config.dim();
        Nd4j.getRandom().setSeed(13);
        // a [tokens, 3·dim] array as qkv: the middle third is normed
        INDArray qkv = Nd4j.randn(DataType.FLOAT, tokens, 3 * width);
        float[] weight = random(width, 14);
        INDArray weightArray = Nd4j.create(weight);
        WanRope rope = WanRope.of(config, frames, rows, columns);
        INDArray plain = WanRowKernels.rmsNorm(qkv, width, width, weightArray, 1e-6);
        INDArray rotated = WanRowKernels.rmsNormHeads(qkv, width, width, weightArray, 1e-6, rope, 1, 1);
        INDArray expected = Nd4j.create(DataType.FLOAT, tokens, width);
        for (int t = 0; t < tokens; t++) {
            double meanSquare = 0;
            for (int c = 0; c < width; c++) {
                meanSquare += Math.pow(qkv.getDouble(t, width + c), 2) / width;
            }
            for (int c = 0; c < width; c++) {
                expected.putScalar(t, c, qkv.getDouble(t, width + c) / Math.sqrt(meanSquare + 1e-6) * weight[c]);
            }
        }
        assertEquals(0, plain.sub(expected).amaxNumber().doubleValue(), 2e-6);
        // the rotation as the training graph applies it: x·c + swap(x)·s
        INDArray[] tables = WanRope.interleaved(config, frames, rows, columns);
        INDArray swapped = Nd4j.create(DataType.FLOAT, tokens, width);
        for (int c = 0; c < width; c += 2) {
            swapped.getColumn(c).assign(expected.getColumn(c + 1));
            swapped.getColumn(c + 1).assign(expected.getColumn(c));
        }
        INDArray expectedRotated = expected.mul(tables[0]).addi(swapped.mul(tables[1]));
        assertEquals(0, rotated.sub(expectedRotated).amaxNumber().doubleValue(), 2e-6);
        assertTrue(rotated.sub(plain).amaxNumber().doubleValue() > 0.1, "the rope turned nothing");
        // split per head and scaled, as attention takes the queries
        INDArray split = WanRowKernels.rmsNormHeads(qkv, width, width, weightArray, 1e-6, rope, config.heads(), 0.5f);
        INDArray expectedSplit = permutedHeads(expectedRotated, config.heads()).muli(0.5);
        assertEquals(0, split.sub(expectedSplit).amaxNumber().doubleValue(), 2e-6);
        // and the plain split of the last third, as the values
        INDArray values = qkv.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * width, 3 * width));
        assertEquals(permutedHeads(values, config.heads()), WanRowKernels.splitHeads(qkv, 2 * width, width, config.heads()));
    }

    /** [tokens, heads·d] → [heads, tokens, d] by a permutation. */
    private static INDArray permutedHeads(INDArray x, int heads) {
        return x.reshape(x.size(0), heads, x.size(1) / heads).permute(1, 0, 2).dup('c');
    }

    private static float[] random(int n, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
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
