package studio.timestep.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class RelativeL1Test {
    @Test
    void perFrameAndOverallAsTheFormulaSays() {
        INDArray a = Nd4j.create(new float[] {1, -2, 3, 0, 5, 5}, new long[] {3, 2}, 'c');
        INDArray b = Nd4j.create(new float[] {2, -2, 1, 1, 4, -4}, new long[] {3, 2}, 'c');
        double[] l1 = RelativeL1.of(a, b, new boolean[] {true, false, true});
        // frame 0: (1 + 0) / (2 + 2); frame 2: (1 + 9) / (4 + 4); overall over frames 0 and 2: 11 / 12
        assertEquals(0.25, l1[0], 1e-12);
        assertTrue(Double.isNaN(l1[1]));
        assertEquals(1.25, l1[2], 1e-12);
        assertEquals(11.0 / 12, l1[3], 1e-12);
    }

    @Test
    void readsViewsAndOtherTypesThroughACopy() {
        INDArray big = Nd4j.create(new double[] {9, 9, 1, -2, 9, 9, 3, 0}, new long[] {4, 2}, 'c');
        INDArray rows = big.get(NDArrayIndex.interval(1, 2, 4), NDArrayIndex.all()); // rows 1 and 3, DOUBLE
        INDArray base = Nd4j.create(new float[] {2, -2, 1, 1}, new long[] {2, 2}, 'c');
        double[] l1 = RelativeL1.of(rows, base, new boolean[] {true, true});
        assertEquals(0.25, l1[0], 1e-12);
        assertEquals(1.5, l1[1], 1e-12); // (2 + 1) / (1 + 1)
        INDArray one = Nd4j.create(DataType.FLOAT, 1, 4).assign(2);
        assertEquals(0.5, RelativeL1.of(one.mul(1.5), one, new boolean[] {true})[0], 1e-7);
    }
}
