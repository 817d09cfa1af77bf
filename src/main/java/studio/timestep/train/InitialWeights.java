package studio.timestep.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import studio.timestep.model.wan.WanConfig;
import studio.timestep.model.wan.WanTensorNames;

/**
 * A fresh Wan transformer's parameters, initialised as diffusers does where it matters: linear
 * and patch weights uniform in ±1/√fan_in (torch's default kaiming_uniform with a = √5), biases 0,
 * norm weights 1, modulation tables randn/√dim (WanTransformerBlock, WanTransformer3DModel) —
 * except the output projection, which starts at zero so the first prediction is 0 and early
 * steps do not fight a random output (DiT's adaLN-Zero, Peebles &amp; Xie 2023, §3.2).
 */
final class InitialWeights {
    private InitialWeights() {
    }

    static Map<String, INDArray> of(WanConfig config) {
        Map<String, INDArray> w = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : WanTensorNames.expected(config).entrySet()) {
            String name = e.getKey();
            long[] shape = e.getValue();
            INDArray value;
            if (name.endsWith("scale_shift_table")) {
                value = Nd4j.randn(DataType.FLOAT, shape).divi(Math.sqrt(config.dim()));
            } else if (name.startsWith("proj_out") || name.endsWith(".bias")) {
                value = Nd4j.zeros(DataType.FLOAT, shape);
            } else if (name.contains("norm")) {
                value = Nd4j.ones(DataType.FLOAT, shape);
            } else {
                long fanIn = 1;
                for (int i = 1; i < shape.length; i++) {
                    fanIn *= shape[i];
                }
                double bound = 1 / Math.sqrt(fanIn);
                value = Nd4j.rand(DataType.FLOAT, shape).muli(2 * bound).subi(bound);
            }
            w.put(name, value);
        }
        return w;
    }
}
