package studio.timestep.model.wan;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import studio.timestep.param.ParameterRange;

/**
 * First-block cache as diffusers runs it (src/diffusers/hooks/first_block_cache.py,
 * {@code FBCHeadBlockHook}): block 0 always runs; its residual r is compared with the residual of
 * the branch's last computed call, diff = mean|r − r_prev| / mean|r_prev|; the remaining blocks
 * run when diff > threshold (storing r), and are otherwise replaced by the residual they added on
 * that call. The first call computes.
 */
public final class WanFirstBlockCache extends WanStepCache {
    private final double threshold;
    private final List<INDArray> headResiduals = new ArrayList<>();

    public WanFirstBlockCache(double threshold) {
        ParameterRange.closed("cache-threshold", 0, 100).check(threshold);
        this.threshold = threshold;
    }

    @Override
    public String describe() {
        return "fbcache " + ParameterRange.format(threshold);
    }

    @Override
    boolean skipAfterFirstBlock(int branch, INDArray firstBlockResidual) {
        while (headResiduals.size() <= branch) {
            headResiduals.add(null);
        }
        INDArray previous = headResiduals.get(branch);
        double diff = previous == null || !previous.equalShapes(firstBlockResidual) ? Double.NaN
                : Transforms.abs(firstBlockResidual.sub(previous)).sumNumber().doubleValue()
                / Transforms.abs(previous).sumNumber().doubleValue();
        boolean compute = Double.isNaN(diff) || diff > threshold || residual(branch) == null;
        if (compute) {
            headResiduals.set(branch, firstBlockResidual);
        }
        record(branch, diff, diff, compute);
        return !compute;
    }

    @Override
    boolean cachesAllBlocks() {
        return false;
    }
}
