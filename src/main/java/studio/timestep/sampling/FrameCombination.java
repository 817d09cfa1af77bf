package studio.timestep.sampling;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import studio.timestep.model.DenseFloats;

/**
 * A per-frame linear combination of arrays [frames, C·H·W], out_f = Σ_k c_k[f]·a_k[f], added
 * term by term in float as a chain of ND4J {@code mulColumnVector}/{@code addi} would, but in one
 * pass in Java: that is what every sampler step is, and as ND4J operations each term cost about
 * 0.1 ms at one frame and 1 ms at sixteen here (a dozen terms per row), more than a one-frame
 * evaluation of the exact model.
 */
final class FrameCombination {
    private final List<double[]> coefficients = new ArrayList<>();
    private final List<INDArray> arrays = new ArrayList<>();

    private FrameCombination() {
    }

    /** a itself (coefficient 1), to add terms to. */
    static FrameCombination of(INDArray a) {
        double[] one = new double[(int) a.size(0)];
        Arrays.fill(one, 1);
        return of(one, a);
    }

    /** c·a, one coefficient per frame. */
    static FrameCombination of(double[] c, INDArray a) {
        return new FrameCombination().plus(c, a);
    }

    /** This minus c·a. */
    FrameCombination minus(double[] c, INDArray a) {
        double[] negated = new double[c.length];
        for (int f = 0; f < c.length; f++) {
            negated[f] = -c[f];
        }
        return plus(negated, a);
    }

    /** This plus c·a (a of the first array's shape). */
    FrameCombination plus(double[] c, INDArray a) {
        if (!arrays.isEmpty() && a.length() != arrays.get(0).length()) {
            throw new IllegalArgumentException("arrays of " + a.length() + " and " + arrays.get(0).length() + " values");
        }
        coefficients.add(c);
        arrays.add(a);
        return this;
    }

    /** The combination as a new FLOAT array of the first array's shape. */
    INDArray array() {
        INDArray first = arrays.get(0);
        int frames = (int) first.size(0);
        int columns = (int) (first.length() / frames);
        FloatBuffer[] in = new FloatBuffer[arrays.size()];
        for (int k = 0; k < in.length; k++) {
            in[k] = DenseFloats.of(arrays.get(k)).data().asNioFloat();
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, first.shape(), 'c');
        FloatBuffer o = out.data().asNioFloat();
        float[] sum = new float[columns];
        float[] row = new float[columns];
        for (int f = 0; f < frames; f++) {
            int at = f * columns;
            in[0].get(at, row);
            float c = (float) coefficients.get(0)[f];
            for (int i = 0; i < columns; i++) {
                sum[i] = c * row[i];
            }
            for (int k = 1; k < in.length; k++) {
                in[k].get(at, row);
                c = (float) coefficients.get(k)[f];
                for (int i = 0; i < columns; i++) {
                    sum[i] += c * row[i];
                }
            }
            o.put(at, sum);
        }
        DenseFloats.wroteOnHost(out);
        return out;
    }
}
