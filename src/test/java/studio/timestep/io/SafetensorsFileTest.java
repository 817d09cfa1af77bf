package studio.timestep.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on hand-made files: values of each float dtype, and each kind of corruption with its message. */
class SafetensorsFileTest {
    @TempDir
    Path dir;

    /** A file from a header text and data bytes, exactly as given (so it can lie). */
    private Path file(String name, String header, byte[] data) throws Exception {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        out.write(h);
        out.write(data);
        Path p = dir.resolve(name);
        Files.write(p, out.toByteArray());
        return p;
    }

    private static byte[] littleEndian(int bytesPerValue, long... values) {
        ByteBuffer b = ByteBuffer.allocate(bytesPerValue * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            if (bytesPerValue == 2) {
                b.putShort((short) v);
            } else {
                b.putInt((int) v);
            }
        }
        return b.array();
    }

    private String failure(Path p) {
        return assertThrows(FileFormatException.class, () -> SafetensorsFile.open(p)).getMessage();
    }

    @Test
    void readsF32F16AndBf16AsFloats() throws Exception {
        byte[] f32 = littleEndian(4, Float.floatToIntBits(1.5f), Float.floatToIntBits(-2.25f));
        // F16: 1.0 = 0x3c00, -2.0 = 0xc000, 65504 = 0x7bff, smallest subnormal 0x0001 = 2^-24
        byte[] f16 = littleEndian(2, 0x3c00, 0xc000, 0x7bff, 0x0001);
        // BF16: top halves of 3.0f (0x40400000) and -0.5f (0xbf000000)
        byte[] bf16 = littleEndian(2, 0x4040, 0xbf00);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(f32);
        data.write(f16);
        data.write(bf16);
        Path p = file("ok.safetensors", "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[8,16]},"
                + "\"c\":{\"dtype\":\"BF16\",\"shape\":[1,2],\"data_offsets\":[16,20]}}", data.toByteArray());
        SafetensorsFile f = SafetensorsFile.open(p);
        assertEquals(List.of("a", "b", "c"), List.copyOf(f.tensors().keySet()));
        assertArrayEquals(new float[] {1.5f, -2.25f}, f.floats("a"));
        assertArrayEquals(new float[] {1f, -2f, 65504f, (float) Math.pow(2, -24)}, f.floats("b"));
        assertArrayEquals(new long[] {2, 2}, f.info("b").shape());
        assertArrayEquals(new float[] {3f, -0.5f}, f.floats("c"));
        assertTrue(assertThrows(FileFormatException.class, () -> f.floats("d")).getMessage().contains("no tensor 'd'"));
    }

    @Test
    void headerLengthBeyondTheFileIsReported() throws Exception {
        Path p = dir.resolve("long.safetensors");
        Files.write(p, ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
        assertTrue(failure(p).contains("header length 1000 does not fit a file of 12 bytes"), failure(p));
        Files.write(p, new byte[] {1, 2, 3});
        assertTrue(failure(p).contains("too short"), failure(p));
    }

    @Test
    void malformedJsonIsReported() throws Exception {
        assertTrue(failure(file("json.safetensors", "{\"a\": [", new byte[0])).contains("header: is not valid JSON"));
    }

    @Test
    void offsetsOutsideTheFileAreReported() throws Exception {
        String message = failure(file("out.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[8]));
        assertTrue(message.contains("tensor 'w'") && message.contains("outside the 8 data bytes"), message);
    }

    @Test
    void overlappingRangesAreReported() throws Exception {
        String message = failure(file("overlap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]));
        assertTrue(message.contains("tensor 'b'") && message.contains("overlap those of 'a'"), message);
    }

    @Test
    void gapsAndTrailingBytesAreReported() throws Exception {
        String gap = failure(file("gap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                new byte[8]));
        assertTrue(gap.contains("gap of 4 bytes"), gap);
        String trailing = failure(file("tail.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                new byte[8]));
        assertTrue(trailing.contains("4 bytes after the last tensor"), trailing);
    }

    @Test
    void unknownDtypeIsReported() throws Exception {
        String message = failure(file("dtype.safetensors", "{\"a\":{\"dtype\":\"F12\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                new byte[4]));
        assertTrue(message.contains("tensor 'a'") && message.contains("unknown dtype 'F12'"), message);
    }

    @Test
    void shapeThatDoesNotMatchTheBytesIsReported() throws Exception {
        String message = failure(file("shape.safetensors", "{\"a\":{\"dtype\":\"BF16\",\"shape\":[3,2],\"data_offsets\":[0,8]}}",
                new byte[8]));
        assertTrue(message.contains("shape [3,2] of BF16 needs 12 bytes but data_offsets give 8"), message);
    }

    @Test
    void integerTensorsAreNotReadAsFloats() throws Exception {
        SafetensorsFile f = SafetensorsFile.open(file("int.safetensors",
                "{\"i\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]));
        String message = assertThrows(FileFormatException.class, () -> f.floats("i")).getMessage();
        assertTrue(message.contains("has dtype I64"), message);
    }

    @Test
    void shardedCheckpointFindsEachTensorInItsShardAndNamesMissingShards() throws Exception {
        file("diffusion_pytorch_model-00001-of-00002.safetensors",
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", littleEndian(4, Float.floatToIntBits(7f)));
        file("diffusion_pytorch_model-00002-of-00002.safetensors",
                "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", littleEndian(4, Float.floatToIntBits(8f)));
        Path index = dir.resolve("diffusion_pytorch_model.safetensors.index.json");
        Files.writeString(index, "{\"weight_map\":{\"a\":\"diffusion_pytorch_model-00001-of-00002.safetensors\","
                + "\"b\":\"diffusion_pytorch_model-00002-of-00002.safetensors\"}}");
        SafetensorsCheckpoint c = SafetensorsCheckpoint.open(dir, null);
        assertArrayEquals(new float[] {7f}, c.array("a").data().asFloat());
        assertArrayEquals(new float[] {8f}, c.array("b").data().asFloat());
        assertTrue(assertThrows(FileFormatException.class, () -> c.array("z")).getMessage().contains("'z' is in none of"));

        Files.writeString(index, "{\"weight_map\":{\"a\":\"diffusion_pytorch_model-00003-of-00002.safetensors\"}}");
        String message = assertThrows(FileFormatException.class, () -> SafetensorsCheckpoint.open(dir, null)).getMessage();
        assertTrue(message.contains("names shard diffusion_pytorch_model-00003-of-00002.safetensors, which does not exist"),
                message);
    }
}
