package studio.timestep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeImagesTest {
    @TempDir
    Path dir;

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private String refusal(String name, byte[] bytes) throws Exception {
        Path f = Files.write(dir.resolve(name), bytes);
        return assertThrows(IOException.class, () -> SafeImages.read(f)).getMessage();
    }

    @Test
    void aGoodPngReads() throws Exception {
        Path f = Files.write(dir.resolve("ok.png"), png(new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB)));
        assertEquals(5, SafeImages.read(f).get(0).getWidth());
    }

    @Test
    void aDamagedPngIsNamedNotDecoded() throws Exception {
        byte[] bytes = png(new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB));
        bytes[bytes.length - 20] ^= 0x55; // inside the image data
        assertEquals("bad.png: damaged (the checksum of its IDAT chunk does not match)", refusal("bad.png", bytes));
        assertEquals("junk.png: not a PNG (its first bytes are not the PNG signature)", refusal("junk.png", "hello".getBytes()));
        assertEquals("notes.gif: not an image this program can read (PNG, GIF, JPEG, BMP)", refusal("notes.gif", "hello".getBytes()));
    }

    /** A 60000 × 60000 PNG of one colour compresses to a few kilobytes: its header says so before decoding. */
    @Test
    void aDecompressionBombIsRefusedFromItsHeader() throws Exception {
        int side = 60_000;
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(9);
        byte[] row = new byte[1 + side]; // filter byte + grey pixels
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int y = 0; y < 64; y++) { // the first rows are enough for the header check; the file stays small
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        idat.write(compressed.toByteArray());
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(file, "IHDR", ByteBuffer.allocate(13).putInt(side).putInt(side).put((byte) 8).put((byte) 0).put((byte) 0)
                .put((byte) 0).put((byte) 0).array());
        chunk(file, "IDAT", idat.toByteArray());
        chunk(file, "IEND", new byte[0]);
        assertEquals("bomb.png: picture 0 is 60000×60000, more than 8192×8192 pixels", refusal("bomb.png", file.toByteArray()));
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws Exception {
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
