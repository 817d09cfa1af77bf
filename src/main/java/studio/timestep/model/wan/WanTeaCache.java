package studio.timestep.model.wan;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import studio.timestep.model.Poly1d;
import studio.timestep.param.NamedOption;
import studio.timestep.param.ParameterRange;

/**
 * TeaCache for Wan as its authors run it (ali-vilab/TeaCache@7c10efc,
 * TeaCache4Wan2.1/teacache_generate.py L519-548, L878-894, L962-978): the signal is the relative
 * L1 change of the time embedding between a branch's consecutive calls, mean|m − m_prev| /
 * mean|m_prev|, with m = e (the time embedding) or, with "ret-steps" coefficients, e0 (its 6-way
 * projection); a branch accumulates poly(signal) and skips its blocks while the sum stays below
 * the threshold, resetting it when it computes. The first call (ret-steps: first five) and the
 * last (ret-steps: none) always compute; m_prev is updated on every call, skipped or not.
 */
public final class WanTeaCache extends WanStepCache {
    /** The rescale polynomials (numpy poly1d, highest power first) of teacache_generate.py, and raw (none). */
    public enum Coefficients implements NamedOption {
        RAW("raw", false, 1, 0),
        RAW_RET_STEPS("raw-ret-steps", true, 1, 0),
        T2V_1_3B("t2v-1.3b", false, 2.39676752e+03, -1.31110545e+03, 2.01331979e+02, -8.29855975e+00, 1.37887774e-01),
        T2V_14B("t2v-14b", false, -5784.54975374, 5449.50911966, -1811.16591783, 256.27178429, -13.02252404),
        I2V_480P("i2v-480p", false, -3.02331670e+02, 2.23948934e+02, -5.25463970e+01, 5.87348440e+00, -2.01973289e-01),
        I2V_720P("i2v-720p", false, -114.36346466, 65.26524496, -18.82220707, 4.91518089, -0.23412683),
        T2V_1_3B_RET_STEPS("t2v-1.3b-ret-steps", true, -5.21862437e+04, 9.23041404e+03, -5.28275948e+02, 1.36987616e+01,
                -4.99875664e-02),
        T2V_14B_RET_STEPS("t2v-14b-ret-steps", true, -3.03318725e+05, 4.90537029e+04, -2.65530556e+03, 5.87365115e+01,
                -3.15583525e-01),
        I2V_480P_RET_STEPS("i2v-480p-ret-steps", true, 2.57151496e+05, -3.54229917e+04, 1.40286849e+03, -1.35890334e+01,
                1.32517977e-01),
        I2V_720P_RET_STEPS("i2v-720p-ret-steps", true, 8.10705460e+03, 2.13393892e+03, -3.72934672e+02, 1.66203073e+01,
                -4.17769401e-02);

        private final String id;
        private final boolean retSteps;
        private final Poly1d polynomial;

        Coefficients(String id, boolean retSteps, double... polynomial) {
            this.id = id;
            this.retSteps = retSteps;
            this.polynomial = new Poly1d(polynomial);
        }

        /** Whether the signal is e0 with the first five steps computed (use_ret_steps) rather than e. */
        public boolean retSteps() {
            return retSteps;
        }

        public double apply(double x) {
            return polynomial.apply(x);
        }

        @Override
        public String id() {
            return id;
        }

        /** This preset as a rescale. */
        public Rescale rescale() {
            return new Rescale(id, retSteps, polynomial);
        }

        public static Coefficients fromId(String id) {
            return NamedOption.parse(Coefficients.class, "teacache-coefficients", id);
        }
    }

    /** A rescale: its name, its signal (e0 with the first five steps computed, or e) and its polynomial. */
    public record Rescale(String name, boolean retSteps, Poly1d polynomial) {
    }

    private final Rescale coefficients;
    private final double threshold;
    private final int callsPerBranch;
    private final List<double[][]> previous = new ArrayList<>();
    private final List<WanTransformer.TimestepRuns> previousRuns = new ArrayList<>();
    private final List<Double> accumulated = new ArrayList<>();

    /** {@code callsPerBranch}: the run's model evaluations per prompt (its steps), which places the last-step rule. */
    public WanTeaCache(Coefficients coefficients, double threshold, int callsPerBranch) {
        this(coefficients.rescale(), threshold, callsPerBranch);
    }

    public WanTeaCache(Rescale coefficients, double threshold, int callsPerBranch) {
        ParameterRange.closed("cache-threshold", 0, 100).check(threshold);
        ParameterRange.closed("steps", 1, 100_000).checkInt(callsPerBranch);
        this.coefficients = coefficients;
        this.threshold = threshold;
        this.callsPerBranch = callsPerBranch;
    }

    @Override
    public String describe() {
        return "teacache " + coefficients.name() + " " + ParameterRange.format(threshold);
    }

    @Override
    boolean skipBeforeBlocks(int branch, WanTimeEmbedding time) {
        int k = nextIndex(branch);
        while (previous.size() <= branch) {
            previous.add(null);
            previousRuns.add(null);
            accumulated.add(0.0);
        }
        double[][] m = time.modulatedInput(coefficients.retSteps());
        double signal = previous.get(branch) == null ? Double.NaN
                : WanTimeEmbedding.relativeL1(m, time.runs(), previous.get(branch), previousRuns.get(branch));
        // teacache_generate.py: ret_steps = 2 calls (1 step per branch) or 10 (5 steps); cutoff_steps = 2N − 2 or 2N
        int retained = coefficients.retSteps() ? 5 : 1;
        int cutoff = coefficients.retSteps() ? callsPerBranch : callsPerBranch - 1;
        boolean compute;
        double sum;
        if (k < retained || k >= cutoff || residual(branch) == null) {
            compute = true;
            sum = 0;
            accumulated.set(branch, 0.0);
        } else {
            sum = accumulated.get(branch) + coefficients.polynomial().apply(signal);
            compute = sum >= threshold;
            accumulated.set(branch, compute ? 0 : sum);
        }
        previous.set(branch, m);
        previousRuns.set(branch, time.runs());
        record(branch, signal, sum, compute);
        return !compute;
    }

    /**
     * TeaCache's calibration data (ali-vilab/TeaCache#2: all steps of full runs, then
     * np.polyfit(x, y, 4)): every call computes; for each call after a branch's first, x is the
     * signal (relative L1 of e, or of e0 with ret-steps) and y the relative L1 of the transformer's
     * output, mean|out − out_prev| / mean|out_prev|, on the same branch.
     */
    public static final class Calibration extends WanStepCache {
        private final boolean retSteps;
        private final List<double[][]> previous = new ArrayList<>();
        private final List<WanTransformer.TimestepRuns> previousRuns = new ArrayList<>();
        private final List<INDArray> previousOutputs = new ArrayList<>();
        private final List<double[]> points = new ArrayList<>();
        private double pendingSignal;

        public Calibration(boolean retSteps) {
            this.retSteps = retSteps;
        }

        @Override
        public String describe() {
            return "teacache calibration (" + (retSteps ? "e0" : "e") + ")";
        }

        /** (x, y) pairs so far. */
        public List<double[]> points() {
            return List.copyOf(points);
        }

        @Override
        boolean skipBeforeBlocks(int branch, WanTimeEmbedding time) {
            while (previous.size() <= branch) {
                previous.add(null);
                previousRuns.add(null);
                previousOutputs.add(null);
            }
            double[][] m = time.modulatedInput(retSteps);
            pendingSignal = previous.get(branch) == null ? Double.NaN
                    : WanTimeEmbedding.relativeL1(m, time.runs(), previous.get(branch), previousRuns.get(branch));
            previous.set(branch, m);
            previousRuns.set(branch, time.runs());
            record(branch, pendingSignal, Double.NaN, true);
            return false;
        }

        @Override
        void called(int branch, INDArray latent, INDArray output) {
            INDArray before = previousOutputs.get(branch);
            if (before != null && !Double.isNaN(pendingSignal)) {
                double y = Transforms.abs(output.sub(before)).meanNumber().doubleValue()
                        / Transforms.abs(before).meanNumber().doubleValue();
                points.add(new double[] {pendingSignal, y});
            }
            previousOutputs.set(branch, output.dup());
        }
    }
}
