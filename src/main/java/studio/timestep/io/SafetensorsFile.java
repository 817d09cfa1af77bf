package studio.timestep.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A safetensors file (huggingface/safetensors: an 8-byte little-endian header length, a JSON
 * header of {name: {dtype, shape, data_offsets}}, then the tensors' bytes). The whole header is
 * checked against the file when it is opened — length, JSON, dtypes, shapes, offsets inside the
 * data, no overlaps and no gaps — so nothing is read from a file that does not describe itself
 * truthfully. Tensor bytes are memory-mapped one tensor at a time, so a BF16 checkpoint stays
 * BF16 until a layer asks for its floats.
 */
public final class SafetensorsFile {
    /** Larger headers than this are taken as corruption (the format's reference reader uses 100 MB). */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;

    /** One tensor's entry in the header; offsets are relative to the start of the data. */
    public record TensorInfo(String name, TensorDType dtype, long[] shape, long begin, long end) {
        public long elements() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }

        public String shapeText() {
            return Arrays.toString(shape);
        }
    }

    private SafetensorsFile(Path file, long dataStart, Map<String, TensorInfo> tensors) {
        this.file = file;
        this.dataStart = dataStart;
        this.tensors = tensors;
    }

    /** Reads and checks the header; no tensor data is read. */
    public static SafetensorsFile open(Path file) throws FileFormatException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new FileFormatException(file, "", "too short to be a safetensors file (" + size + " bytes)");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.getLong(0);
            if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
                throw new FileFormatException(file, "", "header length " + Long.toUnsignedString(headerLength)
                        + " does not fit a file of " + size + " bytes (corrupt or truncated)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(channel, header, 8);
            Map<String, TensorInfo> tensors = parseHeader(file, new String(header.array(), StandardCharsets.UTF_8),
                    size - 8 - headerLength);
            return new SafetensorsFile(file, 8 + headerLength, tensors);
        } catch (NoSuchFileException e) {
            throw new FileFormatException(file, "", "does not exist");
        } catch (IOException e) {
            throw new FileFormatException(file, "", "cannot read (" + e.getMessage() + ")");
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static Map<String, TensorInfo> parseHeader(Path file, String text, long dataBytes)
            throws FileFormatException {
        JsonNode root;
        try {
            root = StrictJson.parseText(text);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new FileFormatException(file, "header", "is not valid JSON (" + reason + ")");
        }
        if (root == null || !root.isObject()) {
            throw new FileFormatException(file, "header", "should be a JSON object");
        }
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("__metadata__")) {
                continue;
            }
            tensors.put(entry.getKey(), parseEntry(file, entry.getKey(), entry.getValue(), dataBytes));
        }
        checkLayout(file, tensors.values(), dataBytes);
        return Collections.unmodifiableMap(tensors);
    }

    private static TensorInfo parseEntry(Path file, String name, JsonNode node, long dataBytes)
            throws FileFormatException {
        String where = "tensor '" + name + "'";
        if (!node.isObject() || !node.path("dtype").isTextual() || !node.path("shape").isArray()
                || !node.path("data_offsets").isArray() || node.path("data_offsets").size() != 2) {
            throw new FileFormatException(file, where, "needs dtype, shape and data_offsets [begin, end]");
        }
        TensorDType dtype = TensorDType.fromId(node.get("dtype").asText());
        if (dtype == null) {
            throw new FileFormatException(file, where, "unknown dtype '" + node.get("dtype").asText() + "'");
        }
        long[] shape = new long[node.get("shape").size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = node.get("shape").get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                throw new FileFormatException(file, where, "shape " + node.get("shape") + " has a dimension that is not a "
                        + "non-negative integer");
            }
            shape[i] = d.asLong();
            try {
                elements = Math.multiplyExact(elements, shape[i]);
            } catch (ArithmeticException e) {
                throw new FileFormatException(file, where, "shape " + node.get("shape") + " has more elements than a file "
                        + "can hold");
            }
        }
        if (elements > Long.MAX_VALUE / dtype.bytes()) {
            throw new FileFormatException(file, where, "shape " + node.get("shape") + " has more elements than a file can hold");
        }
        JsonNode offsets = node.get("data_offsets");
        if (!offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()) {
            throw new FileFormatException(file, where, "data_offsets should be two integers");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin || end > dataBytes) {
            throw new FileFormatException(file, where, "data_offsets [" + begin + ", " + end + "] lie outside the "
                    + dataBytes + " data bytes of the file (corrupt or truncated)");
        }
        if (end - begin != elements * dtype.bytes()) {
            throw new FileFormatException(file, where, "shape " + node.get("shape") + " of " + dtype + " needs "
                    + elements * dtype.bytes() + " bytes but data_offsets give " + (end - begin));
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    /** Tensors must tile the data exactly: sorted by offset, each starts where the previous ended. */
    private static void checkLayout(Path file, Collection<TensorInfo> all, long dataBytes)
            throws FileFormatException {
        List<TensorInfo> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long at = 0;
        TensorInfo previous = null;
        for (TensorInfo t : sorted) {
            if (t.begin() < at) {
                throw new FileFormatException(file, "tensor '" + t.name() + "'", "data_offsets [" + t.begin() + ", "
                        + t.end() + "] overlap those of '" + previous.name() + "'");
            }
            if (t.begin() > at) {
                throw new FileFormatException(file, "tensor '" + t.name() + "'", "leaves a gap of " + (t.begin() - at)
                        + " bytes before it in the data");
            }
            at = t.end();
            previous = t;
        }
        if (at != dataBytes) {
            throw new FileFormatException(file, "", (dataBytes - at) + " bytes after the last tensor are not described "
                    + "by the header (corrupt file?)");
        }
    }

    public Path file() {
        return file;
    }

    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    public TensorInfo info(String name) throws FileFormatException {
        TensorInfo t = tensors.get(name);
        if (t == null) {
            throw new FileFormatException(file, "", "has no tensor '" + name + "'");
        }
        return t;
    }

    /** The tensor's bytes, memory-mapped, little-endian. */
    public ByteBuffer bytes(String name) throws FileFormatException {
        TensorInfo t = info(name);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() < dataStart + t.end()) {
                throw new FileFormatException(file, "tensor '" + name + "'", "the file was truncated after it was opened");
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin(), t.end() - t.begin())
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new FileFormatException(file, "tensor '" + name + "'", "cannot read (" + e.getMessage() + ")");
        }
    }

    /** The tensor as float32 values (F16 and BF16 upcast exactly). */
    public float[] floats(String name) throws FileFormatException {
        TensorInfo t = info(name);
        if (!t.dtype().isFloat()) {
            throw new FileFormatException(file, "tensor '" + name + "'", "has dtype " + t.dtype()
                    + "; only F32, F16 and BF16 tensors can be read as floats");
        }
        if (t.elements() > Integer.MAX_VALUE - 8) {
            throw new FileFormatException(file, "tensor '" + name + "'", "has " + t.elements()
                    + " elements, more than one float array can hold");
        }
        return t.dtype().toFloats(bytes(name), (int) t.elements());
    }

    /** An I64 tensor's values (token ids, masks, lengths). */
    public long[] longs(String name) throws FileFormatException {
        TensorInfo t = info(name);
        if (t.dtype() != TensorDType.I64 || t.elements() > Integer.MAX_VALUE - 8) {
            throw new FileFormatException(file, "tensor '" + name + "'", "is " + t.dtype() + " " + t.shapeText()
                    + "; expected I64 values");
        }
        long[] out = new long[(int) t.elements()];
        bytes(name).asLongBuffer().get(out);
        return out;
    }

    /**
     * Rows of a 2-D float tensor as a FLOAT32 [rows, columns] array, each read from the file alone:
     * umT5's embedding table is 256,384 × 4,096, more than one mapping can hold in F32.
     */
    public INDArray rows(String name, long[] rows) throws FileFormatException {
        TensorInfo t = info(name);
        if (!t.dtype().isFloat() || t.shape().length != 2) {
            throw new FileFormatException(file, "tensor '" + name + "'", "is " + t.dtype() + " " + t.shapeText()
                    + "; rows are read from a 2-D float tensor");
        }
        long columns = t.shape()[1];
        long rowBytes = columns * t.dtype().bytes();
        float[] out = new float[Math.toIntExact(rows.length * columns)];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int r = 0; r < rows.length; r++) {
                if (rows[r] < 0 || rows[r] >= t.shape()[0]) {
                    throw new FileFormatException(file, "tensor '" + name + "'", "has " + t.shape()[0] + " rows; row "
                            + rows[r] + " was asked for");
                }
                ByteBuffer row = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin() + rows[r] * rowBytes, rowBytes)
                        .order(ByteOrder.LITTLE_ENDIAN);
                System.arraycopy(t.dtype().toFloats(row, (int) columns), 0, out, (int) (r * columns), (int) columns);
            }
        } catch (IOException e) {
            throw new FileFormatException(file, "tensor '" + name + "'", "cannot read (" + e.getMessage() + ")");
        }
        return Nd4j.create(out, new long[] {rows.length, columns}, DataType.FLOAT);
    }

    /**
     * The tensor as a FLOAT32 array of its shape, converted straight into the array's native memory
     * (Nd4j.create from a float[] copies at ~0.26 GB/s here: 3 s for one umt5-xxl layer).
     */
    public INDArray array(String name) throws FileFormatException {
        TensorInfo t = info(name);
        if (!t.dtype().isFloat()) {
            throw new FileFormatException(file, "tensor '" + name + "'", "has dtype " + t.dtype()
                    + "; only F32, F16 and BF16 tensors can be read as floats");
        }
        if (t.elements() > Integer.MAX_VALUE - 8 || t.shape().length == 0) {
            return Nd4j.create(floats(name), t.shape(), DataType.FLOAT);
        }
        return arrayInto(name, Nd4j.createUninitialized(DataType.FLOAT, t.shape(), 'c'));
    }

    /**
     * The tensor written into {@code target}, a FLOAT32 c-order array of its shape, which is
     * returned: fresh native memory costs a page fault per 4 KiB on first touch (0.77 s for one
     * 168 MB FFN weight of umt5-xxl on these machines), so a reader that streams weights of the
     * same shapes reuses its arrays.
     */
    public INDArray arrayInto(String name, INDArray target) throws FileFormatException {
        TensorInfo t = info(name);
        if (!t.dtype().isFloat() || !Arrays.equals(target.shape(), t.shape()) || target.dataType() != DataType.FLOAT
                || target.ordering() != 'c' || target.isView()) {
            throw new IllegalArgumentException("tensor '" + name + "' (" + t.dtype() + " " + t.shapeText()
                    + ") cannot be read into a " + target.dataType() + " " + Arrays.toString(target.shape()) + " array");
        }
        int n = (int) t.elements();
        FloatPointer pointer = (FloatPointer) target.data().addressPointer();
        pointer.capacity(n).limit(n);
        t.dtype().copyFloats(bytes(name), pointer.asBuffer(), n);
        return target;
    }
}
