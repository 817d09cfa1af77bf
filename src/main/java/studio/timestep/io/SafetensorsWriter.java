package studio.timestep.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Writes F32 tensors as a safetensors file (atomically), e.g. a run's final latent for a VAE decode elsewhere. */
public final class SafetensorsWriter {
    private SafetensorsWriter() {
    }

    /** One F32 tensor: values in row-major order and its shape. */
    public record Tensor(float[] values, long[] shape) {
    }

    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (long s : e.getValue().shape()) {
                shape.add(s);
            }
            long bytes = 4L * e.getValue().values().length;
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
            out.asFloatBuffer().put(t.values());
            out.position(out.position() + 4 * t.values().length);
        }
        AtomicFiles.writeBytes(file, out.array());
    }
}
