package studio.timestep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class DenseFloatsTest {
    @Test
    void reshapedArraysAreReadInPlaceAndRowViewsThroughACopy() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 4, 4);
        INDArray reshaped = x.reshape(1, 48);
        assertSame(reshaped, DenseFloats.of(reshaped));
        INDArray y = Nd4j.rand(DataType.FLOAT, 4, 6);
        INDArray rows = y.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        INDArray read = DenseFloats.of(rows);
        assertNotSame(rows, read);
        assertArrayEquals(y.getRow(1).toFloatVector(), read.getRow(0).toFloatVector());
        assertNotSame(y, DenseFloats.of(y.transpose()));
    }

    @Test
    void readGivesTheValuesInRowOrderWhateverTheLayout() {
        INDArray y = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c');
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, DenseFloats.read(y));
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, DenseFloats.read(y.transpose()));
        assertArrayEquals(new float[] {4, 5, 6}, DenseFloats.read(y.castTo(DataType.FLOAT).getRow(1)));
    }
}
