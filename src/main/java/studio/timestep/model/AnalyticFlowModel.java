package studio.timestep.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The exact clip model, the reference errors are measured against: the exact (Bayes-optimal)
 * flow velocity of a finite clip collection {x⁽ⁱ⁾} with priors πᵢ from the prompt. For per-frame levels σ_f:
 * log wᵢ = log πᵢ − Σ_f ‖x_f − (1−σ_f)x⁽ⁱ⁾_f‖² / (2σ_f²), x̂0 = Σ softmax(w)ᵢ x⁽ⁱ⁾,
 * v_f = (x_f − x̂0_f)/σ_f. The ‖x_f‖² term is the same for every clip and drops out of the
 * softmax, leaving two passes over the collection: one product for the data term and one for
 * x̂0 (the clip norms are kept per frame); prompts evaluated together (guidance, prompt blends)
 * share both.
 * Frames outside the window give no evidence; a clean frame uses σ = {@link #SIGMA_FLOOR}.
 */
public final class AnalyticFlowModel implements VelocityModel {
    public static final double SIGMA_FLOOR = 1e-3;
    /** Posterior weights below this are dropped from x̂0 (their total mass is below clips × this). */
    static final double NEGLIGIBLE_WEIGHT = 1e-9;
    /** Above a quarter of the clips kept, x̂0 reads the whole collection in one product instead of the kept rows. */
    private static final int ALL_ROWS_ABOVE = 4;
    /**
     * Collections up to this many floats (16 MiB: one frame of the embedded clips is 3 MiB) keep two
     * copies for x̂0, where a row's fixed costs in ND4J outweigh its arithmetic. A transposed one
     * [F·D, N] for all rows: OpenBLAS 0.3.19 runs [F·D, N]·[N, P] as one streaming pass, [P, N]·[N, F·D]
     * with P = 2 as a packed GEMM (one frame, one thread: 0.22 against 0.57 ms with the Haswell
     * kernels, 0.17 against 0.32 with SkylakeX). And one in a Java array for a few kept rows: ND4J
     * took ~20 µs to take a row and ~80 µs to make the zeroed result, against ~1.5 µs for the
     * row's axpy. Sixteen frames (48 MiB) gain nothing either way: both stream from memory.
     */
    static final long COPIES_UP_TO = 4L << 20;

    private final ClipCollection clips;
    /** ‖x⁽ⁱ⁾_f‖² at [i · frames + f]. */
    private final double[] norms;
    /** For small collections: the clips as [F·D, N], and as [N, F·D] in a Java array; else null. */
    private final INDArray transposed;
    private final float[] rows;
    private final Map<String, double[]> priors = new HashMap<>();
    private final Map<String, INDArray> scratch = new HashMap<>();

    public AnalyticFlowModel(ClipCollection clips) {
        this(clips, COPIES_UP_TO);
    }

    /** With the copies for collections up to {@code copiesUpTo} floats. */
    AnalyticFlowModel(ClipCollection clips, long copiesUpTo) {
        this.clips = clips;
        boolean small = clips.clips().length() <= copiesUpTo;
        this.transposed = small ? clips.clips().transpose().dup('c') : null;
        this.rows = small ? DenseFloats.read(clips.clips()) : null;
        INDArray byFrame = clips.clips().reshape(clips.size(), clips.frames(), clips.frameSize());
        this.norms = byFrame.mul(byFrame).sum(2).castTo(DataType.DOUBLE)
                .reshape((long) clips.size() * clips.frames()).toDoubleVector();
    }

    public ClipCollection clips() {
        return clips;
    }

    @Override
    public long[] frameShape() {
        return new long[] {clips.channels(), clips.height(), clips.width()};
    }

    @Override
    public int frames() {
        return clips.frames();
    }

    @Override
    public String name() {
        return "analytic (" + clips.size() + " clips, " + clips.frames() + "×" + clips.channels() + "×" + clips.height()
                + "×" + clips.width() + ")";
    }

    @Override
    public PromptKind promptKind() {
        return PromptKind.TEXT;
    }

    /**
     * The velocity for each prompt at the same x and levels, sharing the passes over the clips; one
     * call at a time, since the products' arrays are kept from call to call ({@link #scratch}).
     */
    @Override
    public synchronized List<INDArray> velocities(INDArray x, double[] sigmas, int windowStart, int windowEnd, List<Prompt> prompts) {
        int frames = clips.frames();
        long d = clips.frameSize();
        if (x.size(0) != frames || sigmas.length != frames) {
            throw new IllegalArgumentException("the model was built for " + frames + " frames, got " + x.size(0));
        }
        double[] s = new double[frames];
        double[] dataScale = new double[frames];
        double[] normScale = new double[frames];
        double[] outputScale = new double[frames];
        for (int f = 0; f < frames; f++) {
            s[f] = Math.max(sigmas[f], SIGMA_FLOOR);
            if (f >= windowStart && f < windowEnd) {
                outputScale[f] = 1 / s[f];
                double a = 1 - s[f];
                dataScale[f] = a / (s[f] * s[f]);
                normScale[f] = -a * a / (2 * s[f] * s[f]);
            }
        }
        // the per-frame scalings are done here on one copy of x, and ND4J runs only the passes over the
        // collection: at one frame a row's dozen small ND4J operations cost as much as those passes
        float[] xs = DenseFloats.read(x);
        float[] scaled = new float[xs.length];
        for (int f = 0; f < frames; f++) {
            float scale = (float) dataScale[f];
            for (int j = (int) (f * d); j < (f + 1) * d; j++) {
                scaled[j] = xs[j] * scale;
            }
        }
        // [N, F·D]·[F·D] as a GEMV: OpenBLAS 0.3.19 runs the same product as a one-row GEMM by packing the
        // whole collection first (one thread, Haswell kernels: 0.20 → 0.09 ms at one frame, 5.1 → 1.7 ms at 16)
        INDArray data = scratch("data term", n());
        Nd4j.getBlasWrapper().level2().gemv('c', 'N', 1.0, clips.clips(), filled("scaled x", scaled, xs.length), 0.0, data);
        float[] dataTerm = DenseFloats.read(data);
        double[] shared = new double[n()];
        for (int i = 0; i < shared.length; i++) {
            double normTerm = 0;
            for (int f = 0; f < frames; f++) {
                normTerm += norms[i * frames + f] * normScale[f];
            }
            shared[i] = dataTerm[i] + normTerm;
        }

        int n = clips.size();
        double[][] weights = new double[prompts.size()][];
        List<Integer> used = new ArrayList<>();
        boolean[] keep = new boolean[n];
        for (int p = 0; p < prompts.size(); p++) {
            double[] prior = priors.computeIfAbsent(text(prompts.get(p)), k -> PromptPrior.logPrior(k, clips.captions()));
            double[] w = softmax(shared, prior);
            weights[p] = w;
            for (int i = 0; i < n; i++) {
                // NaN weights (NaN in the clips or in x) keep every clip, so the NaN reaches the output
                keep[i] |= w[i] >= NEGLIGIBLE_WEIGHT || Double.isNaN(w[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                used.add(i);
            }
        }
        int promptCount = prompts.size();
        float[] x0;
        if (used.size() * ALL_ROWS_ABOVE > n) {
            x0 = allRows(weights);
        } else {
            x0 = keptRows(used, weights);
        }
        // v = (x − x̂0)/σ inside the window, 0 outside
        List<INDArray> out = new ArrayList<>();
        for (int p = 0; p < promptCount; p++) {
            float[] v = new float[xs.length];
            for (int f = 0; f < frames; f++) {
                float scale = (float) outputScale[f];
                for (int j = (int) (f * d); j < (f + 1) * d; j++) {
                    v[j] = (xs[j] - x0[p * xs.length + j]) * scale;
                }
            }
            out.add(Nd4j.create(v, x.shape(), DataType.FLOAT));
        }
        return out;
    }

    /**
     * x̂0 for every prompt, [P, F·D] flattened, in one pass over the whole collection: many rows kept
     * make that cheaper than reading the kept ones (two prompts, this machine: 64 of 256 rows 7.0 ms
     * by rows, 8.7 ms whole).
     */
    private float[] allRows(double[][] weights) {
        int promptCount = weights.length;
        int n = clips.size();
        long size = clips.clips().size(1);
        if (transposed != null) {
            float[] byClip = new float[n * promptCount];
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < promptCount; p++) {
                    byClip[i * promptCount + p] = (float) weights[p][i];
                }
            }
            INDArray estimates = scratch("estimates by value", size, promptCount);
            Nd4j.gemm(transposed, filled("weights by clip", byClip, n, promptCount), estimates, false, false, 1, 0);
            float[] byValue = DenseFloats.read(estimates);
            float[] x0 = new float[byValue.length];
            for (int j = 0; j < size; j++) {
                for (int p = 0; p < promptCount; p++) {
                    x0[(int) (p * size + j)] = byValue[j * promptCount + p];
                }
            }
            return x0;
        }
        float[] all = new float[promptCount * n];
        for (int p = 0; p < promptCount; p++) {
            for (int i = 0; i < n; i++) {
                all[p * n + i] = (float) weights[p][i];
            }
        }
        if (promptCount == 1) {
            // one prompt: the transposed GEMV (ND4J's [1, N]·[N, F·D] gemm is a slow path: 12 vs 4.5 ms)
            INDArray estimate = scratch("estimate", size, 1);
            Nd4j.gemm(clips.clips(), filled("weight column", all, n, 1), estimate, true, false, 1, 0);
            return DenseFloats.read(estimate);
        }
        // several prompts in one pass over the rows (two transposed GEMVs: 9 vs 5.4 ms)
        INDArray estimates = scratch("estimates", promptCount, size);
        Nd4j.gemm(filled("weight rows", all, promptCount, n), clips.clips(), estimates, false, false, 1, 0);
        return DenseFloats.read(estimates);
    }

    /** x̂0 for every prompt, [P, F·D] flattened, from the few rows kept: x̂0 += w·row for each. */
    private float[] keptRows(List<Integer> used, double[][] weights) {
        int promptCount = weights.length;
        int size = (int) clips.clips().size(1);
        if (rows != null) {
            float[] x0 = new float[promptCount * size];
            for (int i : used) {
                for (int p = 0; p < promptCount; p++) {
                    float w = (float) weights[p][i];
                    int to = p * size;
                    int from = i * size;
                    for (int j = 0; j < size; j++) {
                        x0[to + j] += w * rows[from + j];
                    }
                }
            }
            return x0;
        }
        // read where each row lies (ND4J's pullRows copied 0.26 GB/s here)
        INDArray estimates = Nd4j.zeros(DataType.FLOAT, promptCount, size);
        INDArray[] estimateRows = new INDArray[promptCount];
        for (int p = 0; p < promptCount; p++) {
            estimateRows[p] = estimates.getRow(p);
        }
        for (int i : used) {
            INDArray row = clips.clips().getRow(i);
            for (int p = 0; p < promptCount; p++) {
                Nd4j.getBlasWrapper().level1().axpy(row.length(), weights[p][i], row, estimateRows[p]);
            }
        }
        return DenseFloats.read(estimates);
    }

    private static String text(Prompt prompt) {
        if (prompt instanceof Prompt.Text t) {
            return t.text();
        }
        throw new IllegalArgumentException(PromptKind.TEXT.refusal("the exact clip model", prompt));
    }

    /** x̂0 for one prompt (used by tests and by the preview of a clean estimate). */
    public INDArray denoised(INDArray x, double[] sigmas, String prompt) {
        INDArray v = velocities(x, sigmas, 0, clips.frames(), List.of(new Prompt.Text(prompt))).get(0);
        INDArray s = Nd4j.createFromArray(clamped(sigmas)).castTo(DataType.FLOAT).reshape(clips.frames(), 1);
        return x.reshape(clips.frames(), clips.frameSize()).castTo(DataType.FLOAT)
                .sub(v.reshape(clips.frames(), clips.frameSize()).mulColumnVector(s)).reshape(x.shape());
    }

    private int n() {
        return clips.size();
    }

    private static double[] softmax(double[] evidence, double[] logPrior) {
        double[] w = new double[evidence.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < w.length; i++) {
            w[i] = evidence[i] + logPrior[i];
            max = Math.max(max, w[i]);
        }
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(w[i] - max);
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /**
     * The array kept under {@code name} for products' inputs and outputs, made again only when its
     * shape changes: a new native array costs more than a one-frame evaluation's arithmetic (ND4J's
     * bookkeeping, ~20 µs, and a page fault per 4 KiB of new memory, 12–30 µs on these machines;
     * see TrainingChild), and the evaluation made four of them.
     */
    private INDArray scratch(String name, long... shape) {
        INDArray a = scratch.get(name);
        if (a == null || !Arrays.equals(a.shape(), shape)) {
            a = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
            scratch.put(name, a);
        }
        return a;
    }

    /** {@link #scratch} holding {@code values} in row order. */
    private INDArray filled(String name, float[] values, long... shape) {
        INDArray a = scratch(name, shape);
        a.data().asNioFloat().put(0, values);
        DenseFloats.wroteOnHost(a);
        return a;
    }

    private static double[] clamped(double[] sigmas) {
        double[] s = new double[sigmas.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.max(sigmas[i], SIGMA_FLOOR);
        }
        return s;
    }


}
