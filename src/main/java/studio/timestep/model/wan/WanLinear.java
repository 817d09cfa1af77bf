package studio.timestep.model.wan;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A torch {@code nn.Linear}: y = x·Wᵀ + b, W stored [out, in] as in the checkpoint. */
record WanLinear(INDArray weight, INDArray bias) {
    INDArray apply(INDArray x) {
        return x.mmul(weight.transpose()).addiRowVector(bias);
    }

    long flops(long rows) {
        return 2 * rows * weight.size(0) * weight.size(1);
    }
}
