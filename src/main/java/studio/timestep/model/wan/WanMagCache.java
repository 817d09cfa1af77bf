package studio.timestep.model.wan;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.param.ParameterRange;

/**
 * MagCache as its Wan script runs it (Zehong-Ma/MagCache@df81cb1,
 * MagCache4Wan2.1/magcache_generate.py L27-34, L159-191, L277-292). Calibration records, for each
 * call after a branch's first, the magnitude ratio of the blocks' output residual to the previous
 * call's, mean over tokens of ‖r_t‖₂ / ‖r_{t−1}‖₂; the published {@code mag_ratios} interleave the
 * conditional and unconditional calls after a padding of two 1.0. Skipping, from call
 * ⌊2N·retention⌋ on: a branch multiplies its ratios into acc_ratio, counts acc_steps, adds
 * |1 − acc_ratio| to acc_err, and skips while acc_err < threshold and acc_steps ≤ K, else resets
 * all three and computes. Ratios calibrated for another step count are resampled per branch by
 * MagCache's nearest_interp (numpy round: half to even).
 */
public final class WanMagCache extends WanStepCache {
    private final double[][] ratios;
    private final double threshold;
    private final int maxSkips;
    private final double retention;
    private final int callsPerBranch;
    private final double[] accumulatedRatio = {1, 1};
    private final int[] accumulatedSteps = new int[2];
    private final double[] accumulatedError = new double[2];

    /** {@code magRatios}: the interleaved list (padding included) for any step count; resampled to {@code callsPerBranch}. */
    public WanMagCache(double[] magRatios, double threshold, int maxSkips, double retention, int callsPerBranch) {
        ParameterRange.closed("cache-threshold", 0, 100).check(threshold);
        ParameterRange.closed("magcache-k", 0, 1000).checkInt(maxSkips);
        ParameterRange.closed("magcache-retention", 0, 1).check(retention);
        ParameterRange.closed("steps", 1, 100_000).checkInt(callsPerBranch);
        if (magRatios.length < 2 || magRatios.length % 2 != 0) {
            throw new IllegalArgumentException("mag_ratios should interleave the conditional and unconditional calls (an even "
                    + "count, at least 2), got " + magRatios.length);
        }
        this.ratios = new double[2][];
        for (int b = 0; b < 2; b++) {
            double[] branch = new double[magRatios.length / 2];
            for (int i = 0; i < branch.length; i++) {
                branch[i] = magRatios[2 * i + b];
            }
            ratios[b] = nearestInterp(branch, callsPerBranch);
        }
        this.threshold = threshold;
        this.maxSkips = maxSkips;
        this.retention = retention;
        this.callsPerBranch = callsPerBranch;
    }

    /** magcache_generate.py nearest_interp: source index round(i·(L−1)/(T−1)); one target takes the last. */
    public static double[] nearestInterp(double[] source, int targetLength) {
        if (targetLength == 1) {
            return new double[] {source[source.length - 1]};
        }
        double scale = (source.length - 1) / (double) (targetLength - 1);
        double[] out = new double[targetLength];
        for (int i = 0; i < targetLength; i++) {
            out[i] = source[(int) Math.rint(i * scale)];
        }
        return out;
    }

    @Override
    public String describe() {
        return "magcache " + ParameterRange.format(threshold) + " K" + maxSkips + " R" + ParameterRange.format(retention);
    }

    @Override
    boolean skipBeforeBlocks(int branch, WanTimeEmbedding time) {
        int k = nextIndex(branch);
        int b = Math.min(branch, 1);
        // the script counts calls cond, uncond, cond, …: call k of branch b is call 2k + b of 2N
        int call = 2 * k + b;
        boolean compute = true;
        double ratio = Double.NaN;
        if (call >= (int) (2 * callsPerBranch * retention)) {
            ratio = ratios[b][Math.min(k, ratios[b].length - 1)];
            accumulatedRatio[b] *= ratio;
            accumulatedSteps[b]++;
            accumulatedError[b] += Math.abs(1 - accumulatedRatio[b]);
            compute = !(accumulatedError[b] < threshold && accumulatedSteps[b] <= maxSkips) || residual(branch) == null;
        }
        double error = accumulatedError[b];
        if (compute) {
            accumulatedError[b] = 0;
            accumulatedSteps[b] = 0;
            accumulatedRatio[b] = 1;
        }
        record(branch, ratio, error, compute);
        return !compute;
    }

    /**
     * Calibration: every call computes, and each branch records its magnitude ratios (1.0 for its
     * first call, as the published lists are padded).
     */
    public static final class Calibration extends WanStepCache {
        private final List<List<Double>> ratios = new ArrayList<>();
        private final List<INDArray> previousNorms = new ArrayList<>();

        @Override
        public String describe() {
            return "magcache calibration";
        }

        @Override
        boolean skipBeforeBlocks(int branch, WanTimeEmbedding time) {
            record(branch, Double.NaN, Double.NaN, true);
            return false;
        }

        @Override
        void blocksComputed(int branch, INDArray residual) {
            while (ratios.size() <= branch) {
                ratios.add(new ArrayList<>());
                previousNorms.add(null);
            }
            INDArray norms = residual.norm2(1);
            INDArray previous = previousNorms.get(branch);
            ratios.get(branch).add(previous == null ? 1.0 : norms.div(previous).meanNumber().doubleValue());
            previousNorms.set(branch, norms);
        }

        /** The ratios interleaved as MagCache's mag_ratios (conditional, unconditional, …); one branch is taken twice. */
        public double[] magRatios() {
            List<Double> cond = ratios.get(0);
            List<Double> uncond = ratios.size() > 1 ? ratios.get(1) : cond;
            int n = Math.min(cond.size(), uncond.size());
            double[] out = new double[2 * n];
            for (int i = 0; i < n; i++) {
                out[2 * i] = cond.get(i);
                out[2 * i + 1] = uncond.get(i);
            }
            return out;
        }
    }
}
