package studio.timestep.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * FLOAT arrays read as one block from their native buffer. ND4J's {@code toFloatVector()} and
 * {@code isView()}-guarded reads copy element by element or copy reshapes (ND4J marks every reshape
 * a view): about 50 µs for one 32×32 RGB frame here, a fixed cost a one-frame row paid several times.
 */
public final class DenseFloats {
    private DenseFloats() {
    }

    /** m itself when it is a FLOAT array laid out in row order over the whole of its buffer, else such a copy. */
    public static INDArray of(INDArray m) {
        return isDense(m) ? m : m.castTo(DataType.FLOAT).dup('c');
    }

    /** m is a FLOAT array laid out in row order over the whole of its buffer: its buffer can be read and written as m. */
    public static boolean isDense(INDArray m) {
        return m.dataType() == DataType.FLOAT && fillsItsBufferInRowOrder(m);
    }

    /** The values of m in row order, as floats. */
    public static float[] read(INDArray m) {
        float[] values = new float[Math.toIntExact(m.length())];
        of(m).data().asNioFloat().get(0, values);
        return values;
    }

    /**
     * Marks m's host memory, written through its buffer (asNioFloat, a pointer), as its current
     * contents: on the CUDA backend the device copy is refreshed before its next use (reading
     * asNioFloat already brings the host copy up to date); on the CPU a no-op.
     */
    public static void wroteOnHost(INDArray m) {
        Nd4j.getAffinityManager().tagLocation(m, AffinityManager.Location.HOST);
    }

    /** The buffer read from its start gives the elements in row order (a dimension of size 1 may have any stride). */
    private static boolean fillsItsBufferInRowOrder(INDArray m) {
        if (m.offset() != 0 || m.data().length() != m.length()) {
            return false;
        }
        long expected = 1;
        for (int d = m.rank() - 1; d >= 0; d--) {
            if (m.size(d) != 1 && m.stride(d) != expected) {
                return false;
            }
            expected *= m.size(d);
        }
        return true;
    }
}
