package studio.timestep.model.wan;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import studio.timestep.model.DenseFloats;

/**
 * The transformer's row-wise steps in Java over the arrays' native memory, spread over the threads
 * ND4J may use: softmax of attention scores and the tanh GELU (libnd4j evaluates them with a scalar
 * exp, ~4 ns a value a core here, {@link VectorExp} ~1 ns: at 4,096 tokens the softmax was a fifth
 * of a Wan block's time), and the norms with what follows them — modulation, RoPE — in one pass
 * where INDArray operations made four to eight passes and a copy of the input. Each task copies a
 * row into a Java array that stays in cache, computes there and copies it back, so memory is read
 * and written once.
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

    /**
     * GELU, tanh approximation, in place (x is returned): 0.5·x·(1 + tanh z) = x·sigmoid(2z)
     * = x / (1 + e^(−2z)), z = √(2/π)·(x + 0.044715·x³).
     */
    static INDArray geluTanh(INDArray x) {
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
        return x;
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

    /**
     * torch LayerNorm without affine parameters, (x − mean)/sqrt(var + eps) with the biased variance,
     * followed per row by y·scale + shift of the row's group (scale and shift null: none); a new
     * array. {@code group[r]} picks row r's scale and shift (null: all rows use the first).
     */
    static INDArray layerNorm(INDArray x, double eps, INDArray[] scaleRows, INDArray[] shiftRows, int[] group) {
        int columns = Math.toIntExact(x.size(1));
        float[][] scale = read(scaleRows);
        float[][] shift = read(shiftRows);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.size(0), columns);
        FloatBuffer source = DenseFloats.of(x).data().asNioFloat();
        FloatBuffer target = out.data().asNioFloat();
        forRows(x.size(0), x.length(), (first, end) -> {
            float[] row = new float[columns];
            float[] scratch = new float[columns];
            float[] upper = new float[columns / 2];
            for (long r = first; r < end; r++) {
                int at = Math.toIntExact(r * columns);
                source.get(at, row);
                float mean = sum(row, columns, scratch, upper) / columns;
                for (int i = 0; i < columns; i++) {
                    row[i] -= mean;
                    scratch[i] = row[i] * row[i];
                }
                float variance = sum(scratch, columns, scratch, upper) / columns;
                float inverse = (float) (1 / Math.sqrt(variance + eps));
                if (scale == null) {
                    for (int i = 0; i < columns; i++) {
                        row[i] *= inverse;
                    }
                } else {
                    int g = group == null ? 0 : group[Math.toIntExact(r)];
                    float[] a = scale[g];
                    float[] b = shift[g];
                    for (int i = 0; i < columns; i++) {
                        row[i] = row[i] * inverse * a[i] + b[i];
                    }
                }
                target.put(at, row);
            }
        });
        DenseFloats.wroteOnHost(out);
        return out;
    }

    /**
     * RMSNorm of columns [from, from + width) of x, v·weight/sqrt(mean(v²) + eps) (diffusers RMSNorm,
     * T5LayerNorm), a new array [rows, width]; see {@link #rmsNormHeads} for the form attention takes.
     */
    static INDArray rmsNorm(INDArray x, int from, int width, INDArray weight, double eps) {
        return rmsNormHeads(x, from, width, weight, eps, null, 1, 1);
    }

    /**
     * The same, then (with a rope) each head's pairs rotated and the result times factor, written
     * split per head, [heads, rows, width/heads] ([rows, width] for one head): the form attention
     * takes (queries with 1/√d as factor), without the copies of a permutation.
     */
    static INDArray rmsNormHeads(INDArray x, int from, int width, INDArray weight, double eps, WanRope rope, int heads,
                                 float factor) {
        int columns = Math.toIntExact(x.size(1));
        int rows = Math.toIntExact(x.size(0));
        int d = width / heads;
        // one head: [rows, width], the same layout
        INDArray out = heads == 1 ? Nd4j.createUninitialized(DataType.FLOAT, rows, width)
                : Nd4j.createUninitialized(DataType.FLOAT, heads, rows, d);
        FloatBuffer source = DenseFloats.of(x).data().asNioFloat();
        FloatBuffer target = out.data().asNioFloat();
        float[] scaled = DenseFloats.read(weight);
        for (int i = 0; i < width; i++) {
            scaled[i] *= factor;
        }
        forRows(rows, (long) rows * width, (first, end) -> {
            float[] row = new float[width];
            float[] scratch = new float[width];
            float[] upper = new float[width / 2];
            for (int r = (int) first; r < end; r++) {
                source.get(r * columns + from, row);
                for (int i = 0; i < width; i++) {
                    scratch[i] = row[i] * row[i];
                }
                float inverse = (float) (1 / Math.sqrt(sum(scratch, width, scratch, upper) / width + eps));
                for (int i = 0; i < width; i++) {
                    row[i] = row[i] * inverse * scaled[i];
                }
                if (rope != null) {
                    rope.rotate(r, row);
                }
                putSplit(target, row, r, rows, heads);
            }
        });
        DenseFloats.wroteOnHost(out);
        return out;
    }

    /** Columns [from, from + width) of x split per head, [heads, rows, width/heads]: the layout attention takes. */
    static INDArray splitHeads(INDArray x, int from, int width, int heads) {
        int columns = Math.toIntExact(x.size(1));
        int rows = Math.toIntExact(x.size(0));
        int d = width / heads;
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, heads, rows, d);
        FloatBuffer source = DenseFloats.of(x).data().asNioFloat();
        FloatBuffer target = out.data().asNioFloat();
        forRows(rows, (long) rows * width, (first, end) -> {
            float[] row = new float[width];
            for (int r = (int) first; r < end; r++) {
                source.get(r * columns + from, row);
                putSplit(target, row, r, rows, heads);
            }
        });
        DenseFloats.wroteOnHost(out);
        return out;
    }

    /** Each array's values in row order (null stays null). */
    private static float[][] read(INDArray[] arrays) {
        if (arrays == null) {
            return null;
        }
        float[][] values = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            values[i] = DenseFloats.read(arrays[i]);
        }
        return values;
    }

    /** Writes one row's features [heads·d] as row r of each head's [rows, d] block. */
    private static void putSplit(FloatBuffer target, float[] row, int r, int rows, int heads) {
        int d = row.length / heads;
        for (int h = 0; h < heads; h++) {
            target.put((h * rows + r) * d, row, h * d, d);
        }
    }

    /** Work on units [first, end) of a dense array's buffer. */
    private interface Units {
        void run(FloatBuffer data, long first, long end);
    }

    /** Work on rows [first, end). */
    private interface Rows {
        void run(long first, long end);
    }

    /** Runs the work over all units of a, in place; a non-dense array is worked on a copy. */
    private static void inPlace(INDArray a, long units, Units work) {
        INDArray dense = DenseFloats.isDense(a) ? a : a.dup('c');
        FloatBuffer data = dense.data().asNioFloat();
        forRows(units, a.length(), (first, end) -> work.run(data, first, end));
        DenseFloats.wroteOnHost(dense);
        if (dense != a) {
            a.assign(dense);
            dense.close();
        }
    }

    /**
     * Runs the work over rows [0, rows): on the calling thread, or spread over the common pool's
     * threads when ND4J may use more than one (a sampling run leaves one core to the window,
     * Backend.runThreads) and the rows hold enough values.
     */
    private static void forRows(long rows, long values, Rows work) {
        int threads = Math.min(Nd4j.getEnvironment().maxThreads(), Runtime.getRuntime().availableProcessors());
        int tasks = threads <= 1 || values < PARALLEL_FROM ? 1 : (int) Math.min(rows, 4L * threads);
        if (tasks <= 1) {
            work.run(0, rows);
        } else {
            IntStream.range(0, tasks).parallel().forEach(t -> work.run(rows * t / tasks, rows * (t + 1) / tasks));
        }
    }
}
