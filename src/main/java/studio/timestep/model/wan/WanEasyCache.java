package studio.timestep.model.wan;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import studio.timestep.param.ParameterRange;

/**
 * EasyCache as its Wan script runs it (H-EmbodVis/EasyCache@5127804,
 * EasyCache4Wan2.1/easycache_generate.py L486-530, L605-628, L958-976). It decides on the
 * conditional call (branch 0) and the other branches follow that decision. The transformation
 * rate k = mean|out − out_prev| / mean|in − in_prev| is measured between the last two computed
 * conditional calls (in: the raw latent the transformer is given); a call predicts its output
 * change as k·mean|in − in_prev| / mean|out_prev| (in_prev: the previous conditional call's input,
 * skipped or not), accumulates it, and skips while the sum stays below the threshold; a skipped
 * call returns its input plus the (output − input) of its branch's last computed call. The
 * first ten steps and the last always compute.
 */
public final class WanEasyCache extends WanStepCache {
    /** Steps always computed at the start (easycache_generate.py: ret_steps = 10 × 2 calls). */
    public static final int WARM_UP_STEPS = 10;

    private final double threshold;
    private final int callsPerBranch;
    private final List<INDArray> outputMinusInput = new ArrayList<>();
    private INDArray previousInput;
    private INDArray lastComputedInput;
    private INDArray lastComputedOutput;
    private double rate = Double.NaN;
    private double accumulated;
    private boolean computePair = true;

    public WanEasyCache(double threshold, int callsPerBranch) {
        ParameterRange.closed("cache-threshold", 0, 100).check(threshold);
        ParameterRange.closed("steps", 1, 100_000).checkInt(callsPerBranch);
        this.threshold = threshold;
        this.callsPerBranch = callsPerBranch;
    }

    @Override
    public String describe() {
        return "easycache " + ParameterRange.format(threshold);
    }

    @Override
    INDArray skipCall(int branch, INDArray latent) {
        int k = nextIndex(branch);
        while (outputMinusInput.size() <= branch) {
            outputMinusInput.add(null);
        }
        double signal = Double.NaN;
        double sum = accumulated;
        if (branch == 0) {
            INDArray in = latent.castTo(DataType.FLOAT);
            if (k < WARM_UP_STEPS || k >= callsPerBranch - 1 || previousInput == null || lastComputedOutput == null
                    || Double.isNaN(rate)) {
                computePair = true;
                accumulated = 0;
                sum = 0;
            } else {
                signal = rate * meanAbs(in.sub(previousInput)) / meanAbs(lastComputedOutput);
                sum = accumulated + signal;
                computePair = sum >= threshold;
                accumulated = computePair ? 0 : sum;
            }
            previousInput = in.dup();
        }
        boolean compute = computePair || outputMinusInput.get(branch) == null;
        record(branch, signal, sum, compute);
        return compute ? null : latent.castTo(DataType.FLOAT).add(outputMinusInput.get(branch));
    }

    @Override
    void called(int branch, INDArray latent, INDArray output) {
        INDArray in = latent.castTo(DataType.FLOAT);
        if (branch == 0) {
            if (lastComputedOutput != null && lastComputedInput != null) {
                rate = meanAbs(output.sub(lastComputedOutput)) / meanAbs(in.sub(lastComputedInput));
            }
            lastComputedInput = in.dup();
            lastComputedOutput = output.dup();
        }
        outputMinusInput.set(branch, output.sub(in));
    }

    private static double meanAbs(INDArray a) {
        return Transforms.abs(a, true).meanNumber().doubleValue();
    }
}
