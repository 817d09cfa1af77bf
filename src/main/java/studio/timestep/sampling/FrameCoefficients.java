package studio.timestep.sampling;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Per-frame scalars as a FLOAT column [frames, 1], to scale rows of a [frames, C·H·W] array. */
final class FrameCoefficients {
    private FrameCoefficients() {
    }

    static INDArray column(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return Nd4j.create(f, new long[] {f.length, 1}, DataType.FLOAT);
    }

    /** log(α/σ) of flow matching, α = 1 − σ (+∞ at σ = 0). */
    static double lambda(double sigma) {
        return Math.log(1 - sigma) - Math.log(sigma);
    }
}
