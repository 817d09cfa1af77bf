package studio.timestep.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class FrameCombinationTest {
    @Test
    void eachFrameTakesItsOwnCoefficients() {
        INDArray a = Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {2, 2}, 'c');
        INDArray b = Nd4j.create(new float[] {10, 20, 30, 40}, new long[] {2, 2}, 'c');
        INDArray out = FrameCombination.of(a).plus(new double[] {0.5, 2}, b).minus(new double[] {1, 0}, a).array();
        // frame 0: a + 0.5·b − a; frame 1: a + 2·b
        assertArrayEquals(new float[] {5, 10, 63, 84}, out.data().asFloat());
        assertArrayEquals(new long[] {2, 2}, out.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, a.data().asFloat(), "the terms are not changed");
    }

    @Test
    void matchesTheChainOfNd4jOperationsItReplacesOnViewsAndDoubles() {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 3, 4, 4);
        INDArray v = Nd4j.randn(DataType.DOUBLE, 6, 48).get(NDArrayIndex.interval(0, 2, 6), NDArrayIndex.all());
        double[] dt = {-0.1, 0, -0.3};
        INDArray column = Nd4j.create(new float[] {-0.1f, 0, -0.3f}, new long[] {3, 1}, DataType.FLOAT);
        INDArray expected = x.reshape(3, 48).add(v.castTo(DataType.FLOAT).mulColumnVector(column));
        INDArray out = FrameCombination.of(x.reshape(3, 48)).plus(dt, v).array();
        assertEquals(0, out.sub(expected).amaxNumber().doubleValue(), 1e-6);
    }

    @Test
    void termsOfOtherSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FrameCombination.of(Nd4j.zeros(DataType.FLOAT, 2, 3))
                .plus(new double[] {1, 1}, Nd4j.zeros(DataType.FLOAT, 2, 4)));
    }
}
