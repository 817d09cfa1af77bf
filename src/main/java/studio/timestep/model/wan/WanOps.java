package studio.timestep.model.wan;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The element-wise pieces of the Wan transformer written out in FLOAT32 INDArray operations,
 * because ND4J M2.1's own are missing or differ from torch (STACK.md): layer norm with an
 * epsilon, RMSNorm, the tanh GELU and SiLU. Rows are tokens, columns are features.
 */
final class WanOps {
    private WanOps() {
    }

    /** torch LayerNorm without affine parameters: (x − mean) / sqrt(var + eps), biased variance; in place. */
    static INDArray layerNorm(INDArray x, double eps) {
        INDArray mean = x.mean(1).reshape(x.size(0), 1);
        x.subiColumnVector(mean);
        INDArray square = x.mul(x);
        INDArray variance = square.mean(1).addi(eps).reshape(x.size(0), 1);
        square.close();
        return x.diviColumnVector(Transforms.sqrt(variance, false));
    }

    /** diffusers RMSNorm: x · rsqrt(mean(x²) + eps) · weight; in place. */
    static INDArray rmsNorm(INDArray x, INDArray weight, double eps) {
        INDArray square = x.mul(x);
        INDArray meanSquare = square.mean(1).addi(eps).reshape(x.size(0), 1);
        square.close();
        return x.diviColumnVector(Transforms.sqrt(meanSquare, false)).muliRowVector(weight);
    }

    /** GELU, tanh approximation, in place (WanRowKernels: its exponentials in Java, vectorised). */
    static INDArray geluTanh(INDArray x) {
        WanRowKernels.geluTanh(x);
        return x;
    }

    /** SiLU: x · sigmoid(x); a new array. */
    static INDArray silu(INDArray x) {
        return x.mul(Transforms.sigmoid(x, true));
    }
}
