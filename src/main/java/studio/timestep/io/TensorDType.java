package studio.timestep.io;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/** The element types safetensors names; F32, F16 and BF16 can be read as floats. */
public enum TensorDType {
    BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1), I16(2), U16(2), F16(2), BF16(2), I32(4), U32(4), F32(4), F64(8),
    I64(8), U64(8);

    private final int bytes;

    TensorDType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isFloat() {
        return this == F32 || this == F16 || this == BF16;
    }

    /** The dtype for a header's name, or null when the name is not one safetensors defines. */
    static TensorDType fromId(String id) {
        for (TensorDType t : values()) {
            if (t.name().equals(id)) {
                return t;
            }
        }
        return null;
    }

    /** Reads {@code n} little-endian values as floats (BF16 is the top half of a float; F16 is IEEE half). */
    float[] toFloats(ByteBuffer in, int n) {
        float[] out = new float[n];
        copyFloats(in, FloatBuffer.wrap(out), n);
        return out;
    }

    /** The same, written straight into {@code out} (e.g. an INDArray's native buffer). */
    void copyFloats(ByteBuffer in, FloatBuffer out, int n) {
        switch (this) {
            case F32 -> out.put(0, in.asFloatBuffer(), 0, n);
            case BF16 -> {
                // in chunks through Java arrays: bulk reads and writes of direct buffers are memcpy, while
                // per-element getShort/put on them ran at ~55 M values/s here
                java.nio.ShortBuffer source = in.asShortBuffer();
                short[] half = new short[Math.min(n, 1 << 16)];
                float[] full = new float[half.length];
                for (int at = 0; at < n; at += half.length) {
                    int len = Math.min(half.length, n - at);
                    source.get(at, half, 0, len);
                    for (int i = 0; i < len; i++) {
                        full[i] = Float.intBitsToFloat((half[i] & 0xffff) << 16);
                    }
                    out.put(at, full, 0, len);
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out.put(i, halfToFloat(in.getShort(2 * i)));
                }
            }
            default -> throw new IllegalStateException(this + " is not a float type");
        }
    }

    /** IEEE 754 binary16 to float, subnormals, infinities and NaN included. */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
