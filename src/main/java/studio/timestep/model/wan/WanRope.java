package studio.timestep.model.wan;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Wan's 3-D rotary embedding (diffusers WanRotaryPosEmbed with get_1d_rotary_pos_embed, θ = 10000):
 * a head's pairs are split into frame, row and column parts; pair j of a part of size d turns by
 * pos·θ^(−2j/d). Tables are [tokens, headDim/2] (the same angles in every head), tokens
 * ordered frame, row, column; applied to interleaved pairs (x₀, x₁) → (x₀c − x₁s, x₀s + x₁c).
 */
public final class WanRope {
    /** cos and sin of the angles, [tokens, pairs of one head] in row order. */
    private final float[] cos;
    private final float[] sin;
    private final int pairs;

    private WanRope(float[] cos, float[] sin, int pairs) {
        this.cos = cos;
        this.sin = sin;
        this.pairs = pairs;
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
        return new WanRope(cos, sin, pairs);
    }

    /**
     * The same rotation as tables over all features [tokens, heads·headDim], for graphs that rotate
     * by x·c + swap(x)·s, swap exchanging each pair's members: c repeats each pair's cosine twice,
     * s holds (−sin, +sin).
     */
    public static INDArray[] interleaved(WanConfig c, int frames, int rows, int columns) {
        WanRope rope = of(c, frames, rows, columns);
        long tokens = rope.cos.length / rope.pairs;
        INDArray cos = Nd4j.create(rope.cos, new long[] {tokens, rope.pairs, 1}, DataType.FLOAT);
        INDArray sin = Nd4j.create(rope.sin, new long[] {tokens, rope.pairs, 1}, DataType.FLOAT);
        long features = 2L * rope.pairs;
        INDArray pairCos = Nd4j.concat(2, cos, cos).reshape(tokens, features);
        INDArray pairSin = Nd4j.concat(2, sin.neg(), sin).reshape(tokens, features);
        return new INDArray[] {Nd4j.tile(pairCos, 1, c.heads()), Nd4j.tile(pairSin, 1, c.heads())};
    }

    /** Rotates the pairs of every head in one token's features [heads·headDim], in place. */
    void rotate(int token, float[] features) {
        int table = token * pairs;
        for (int head = 0; head < features.length; head += 2 * pairs) {
            for (int j = 0; j < pairs; j++) {
                float c = cos[table + j];
                float s = sin[table + j];
                float x0 = features[head + 2 * j];
                float x1 = features[head + 2 * j + 1];
                features[head + 2 * j] = x0 * c - x1 * s;
                features[head + 2 * j + 1] = x0 * s + x1 * c;
            }
        }
    }
}
