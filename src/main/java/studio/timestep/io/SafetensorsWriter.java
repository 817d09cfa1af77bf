package studio.timestep.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes F32 (or BF16) tensors as a safetensors file (atomically), e.g. a run's final latent for a
 * VAE decode elsewhere, or a benchmark's random weights stored as a real checkpoint stores them.
 */
public final class SafetensorsWriter {
    private SafetensorsWriter() {
    }

    /** One tensor: values in row-major order, its shape, and how it is stored (F32 or BF16). */
    public record Tensor(float[] values, long[] shape, TensorDType dtype) {
        public Tensor {
            if (dtype != TensorDType.F32 && dtype != TensorDType.BF16) {
                throw new IllegalArgumentException("only F32 and BF16 tensors are written, not " + dtype);
            }
        }

        public Tensor(float[] values, long[] shape) {
            this(values, shape, TensorDType.F32);
        }
    }

    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", e.getValue().dtype().name());
            var shape = entry.putArray("shape");
            for (long s : e.getValue().shape()) {
                shape.add(s);
            }
            long bytes = (long) e.getValue().dtype().bytes() * e.getValue().values().length;
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] text = json.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        // the format pads the header with spaces to a multiple of 8 bytes
        int padded = (text.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(text);
        for (int i = text.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors.values()) {
            if (t.dtype() == TensorDType.F32) {
                out.asFloatBuffer().put(t.values());
                out.position(out.position() + 4 * t.values().length);
            } else {
                for (float v : t.values()) {
                    out.putShort(bf16(v));
                }
            }
        }
        AtomicFiles.writeBytes(file, out.array());
    }

    /** A float rounded to BF16, to nearest even (as torch's .to(torch.bfloat16)); NaN stays NaN. */
    static short bf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }
}
