package studio.timestep.model.wan;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * SiLU of the time embedding written out in FLOAT32 INDArray operations, because ND4J M2.1's own
 * differs from torch (STACK.md). The norms and the tanh GELU are {@link WanRowKernels}'.
 */
final class WanOps {
    private WanOps() {
    }

    /** SiLU: x · sigmoid(x); a new array. */
    static INDArray silu(INDArray x) {
        return x.mul(Transforms.sigmoid(x, true));
    }
}
