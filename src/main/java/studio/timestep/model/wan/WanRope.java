package studio.timestep.model.wan;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Wan's 3-D rotary embedding (diffusers WanRotaryPosEmbed with get_1d_rotary_pos_embed, θ = 10000):
 * a head's pairs are split into frame, row and column parts; pair j of a part of size d turns by
 * pos·θ^(−2j/d). Tables are [tokens, heads·headDim/2] (the same angles in every head), tokens
 * ordered frame, row, column; applied to interleaved pairs (x₀, x₁) → (x₀c − x₁s, x₀s + x₁c).
 */
public final class WanRope {
    final INDArray cos;
    final INDArray sin;

    private WanRope(INDArray cos, INDArray sin) {
        this.cos = cos;
        this.sin = sin;
    }

    static WanRope of(WanConfig c, int frames, int rows, int columns) {
        int[] split = c.ropeSplit();
        int pairs = c.headDim() / 2;
        int tokens = frames * rows * columns;
        float[] cos = new float[tokens * pairs];
        float[] sin = new float[tokens * pairs];
        for (int f = 0; f < frames; f++) {
            for (int h = 0; h < rows; h++) {
                for (int w = 0; w < columns; w++) {
                    int token = (f * rows + h) * columns + w;
                    int j = 0;
                    int[] position = {f, h, w};
                    for (int part = 0; part < 3; part++) {
                        int d = split[part];
                        for (int k = 0; k < d / 2; k++, j++) {
                            // float64 as diffusers builds the table, then float32
                            double angle = position[part] / Math.pow(10000, (2.0 * k) / d);
                            cos[token * pairs + j] = (float) Math.cos(angle);
                            sin[token * pairs + j] = (float) Math.sin(angle);
                        }
                    }
                }
            }
        }
        INDArray cosTable = Nd4j.create(cos, new long[] {tokens, pairs}, DataType.FLOAT);
        INDArray sinTable = Nd4j.create(sin, new long[] {tokens, pairs}, DataType.FLOAT);
        return new WanRope(Nd4j.tile(cosTable, 1, c.heads()), Nd4j.tile(sinTable, 1, c.heads()));
    }

    /**
     * The same rotation as tables over all features [tokens, heads·headDim], for graphs that rotate
     * by x·c + swap(x)·s, swap exchanging each pair's members: c repeats each pair's cosine twice,
     * s holds (−sin, +sin).
     */
    public static INDArray[] interleaved(WanConfig c, int frames, int rows, int columns) {
        WanRope rope = of(c, frames, rows, columns);
        long tokens = rope.cos.size(0);
        long pairs = rope.cos.size(1);
        INDArray cos = Nd4j.concat(2, rope.cos.reshape(tokens, pairs, 1), rope.cos.reshape(tokens, pairs, 1));
        INDArray sin = Nd4j.concat(2, rope.sin.neg().reshape(tokens, pairs, 1), rope.sin.reshape(tokens, pairs, 1));
        return new INDArray[] {cos.reshape(tokens, 2 * pairs), sin.reshape(tokens, 2 * pairs)};
    }

    /** Rotates the pairs of x [tokens, heads·headDim] in place. */
    void apply(INDArray x) {
        INDArray pairs = x.reshape(x.size(0), x.size(1) / 2, 2);
        INDArray even = pairs.get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.point(0));
        INDArray odd = pairs.get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.point(1));
        INDArray newEven = even.mul(cos).subi(odd.mul(sin));
        INDArray newOdd = even.mul(sin).addi(odd.mul(cos));
        even.assign(newEven);
        odd.assign(newOdd);
    }
}
