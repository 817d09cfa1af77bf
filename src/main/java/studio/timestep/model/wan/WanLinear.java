package studio.timestep.model.wan;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A torch {@code nn.Linear}: y = x·Wᵀ + b, W stored [out, in] as in the checkpoint. */
record WanLinear(INDArray weight, INDArray bias) {
    INDArray apply(INDArray x) {
        // gemm with the transpose flag: mmul(weight.transpose()) copies the weight first
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, x.size(0), weight.size(0));
        Nd4j.gemm(x, weight, y, false, true, 1, 0);
        return y.addiRowVector(bias);
    }
}
