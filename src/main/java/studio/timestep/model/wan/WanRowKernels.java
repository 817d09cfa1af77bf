package studio.timestep.model.wan;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.model.DenseFloats;

/**
 * The transformer's exponential-heavy element-wise steps — softmax of attention scores, the tanh
 * GELU of the feed-forward — in Java over the arrays' native memory, spread over the cores. libnd4j
 * evaluates them with a scalar exp (~4 ns a value a core here: at 4,096 tokens the softmax was a
 * fifth of a Wan block's time); {@link VectorExp} takes ~1 ns. Each task copies a piece into a
 * Java array that stays in cache, computes there and copies it back, so memory is read and written
 * once, as in the native op.
 */
final class WanRowKernels {
    /** Below this many values one thread does the work: handing it out costs more. */
    private static final int PARALLEL_FROM = 1 << 15;
    /** Values a task computes at a time for element-wise work (a cache-sized piece). */
    private static final int PIECE = 4096;
    /** √(2/π)·2, the tanh GELU's factor doubled for its sigmoid form. */
    private static final float GELU_FACTOR = (float) (2 * Math.sqrt(2 / Math.PI));

    private WanRowKernels() {
    }

    /**
     * Softmax along the last axis, in place: e^(x − max)/Σ e^(x − max) per row, the maximum
     * subtracted first and the row multiplied by the sum's reciprocal, as torch's CPU softmax does.
     */
    static void softmaxLastAxis(INDArray scores) {
        int columns = Math.toIntExact(scores.size(scores.rank() - 1));
        long rows = scores.length() / columns;
        inPlace(scores, rows, (data, first, end) -> {
            float[] row = new float[columns];
            float[] exponents = new float[columns];
            float[] upper = new float[columns / 2];
            for (long r = first; r < end; r++) {
                int at = Math.toIntExact(r * columns);
                data.get(at, row);
                VectorExp.exp(row, max(row, columns, exponents, upper), row, exponents, columns);
                float reciprocal = 1 / sum(row, columns, exponents, upper);
                for (int i = 0; i < columns; i++) {
                    row[i] *= reciprocal;
                }
                data.put(at, row);
            }
        });
    }

    /** GELU, tanh approximation, in place: 0.5·x·(1 + tanh z) = x·sigmoid(2z) = x / (1 + e^(−2z)), z = √(2/π)·(x + 0.044715·x³). */
    static void geluTanh(INDArray x) {
        long pieces = (x.length() + PIECE - 1) / PIECE;
        inPlace(x, pieces, (data, first, end) -> {
            float[] values = new float[PIECE];
            float[] e = new float[PIECE];
            float[] exponents = new float[PIECE];
            for (long p = first; p < end; p++) {
                int at = Math.toIntExact(p * PIECE);
                int n = (int) Math.min(PIECE, x.length() - at);
                data.get(at, values, 0, n);
                for (int i = 0; i < n; i++) {
                    float v = values[i];
                    e[i] = -GELU_FACTOR * v * (1 + 0.044715f * v * v);
                }
                VectorExp.exp(e, 0, e, exponents, n);
                for (int i = 0; i < n; i++) {
                    values[i] /= 1 + e[i];
                }
                data.put(at, values, 0, n);
            }
        });
    }

    /*
     * Reductions by halving: each pass combines the first half with the second element by element.
     * The second half is first copied to its own array: JDK 17's C2 vectorises a loop over two arrays
     * at one index but not over one array at two (0.53 ns a value here, with the copy 0.13; a running
     * maximum or sum, one chain waiting on each step, 0.5–0.7). When a length is odd its middle
     * element joins the remainder. scratch and upper hold at least n / 2 values.
     */

    /** The largest of values[0, n), NaN if any is (then the row's softmax is NaN, as torch's). */
    static float max(float[] values, int n, float[] scratch, float[] upper) {
        float rest = Float.NEGATIVE_INFINITY;
        float[] from = values;
        for (int m = n; m > 1; m /= 2) {
            int half = m / 2;
            System.arraycopy(from, m - half, upper, 0, half);
            for (int i = 0; i < half; i++) {
                scratch[i] = Math.max(from[i], upper[i]);
            }
            if (m % 2 == 1) {
                rest = Math.max(rest, from[half]);
            }
            from = scratch;
        }
        return n == 0 ? rest : Math.max(from[0], rest);
    }

    /** The sum of values[0, n), pairwise (so also more accurate than a running sum). */
    static float sum(float[] values, int n, float[] scratch, float[] upper) {
        float rest = 0;
        float[] from = values;
        for (int m = n; m > 1; m /= 2) {
            int half = m / 2;
            System.arraycopy(from, m - half, upper, 0, half);
            for (int i = 0; i < half; i++) {
                scratch[i] = from[i] + upper[i];
            }
            if (m % 2 == 1) {
                rest += from[half];
            }
            from = scratch;
        }
        return n == 0 ? rest : from[0] + rest;
    }

    /** Work on units [first, end) of a dense array's buffer. */
    private interface Units {
        void run(FloatBuffer data, long first, long end);
    }

    /** Runs the work over all units, on all cores when there is enough of it; a non-dense array is worked on a copy. */
    private static void inPlace(INDArray a, long units, Units work) {
        INDArray dense = DenseFloats.isDense(a) ? a : a.dup('c');
        FloatBuffer data = dense.data().asNioFloat();
        int tasks = a.length() < PARALLEL_FROM ? 1 : (int) Math.min(units, 4L * Runtime.getRuntime().availableProcessors());
        if (tasks == 1) {
            work.run(data, 0, units);
        } else {
            IntStream.range(0, tasks).parallel().forEach(t -> work.run(data, units * t / tasks, units * (t + 1) / tasks));
        }
        if (dense != a) {
            a.assign(dense);
            dense.close();
        }
    }
}
