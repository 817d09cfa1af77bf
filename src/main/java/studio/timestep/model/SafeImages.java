package studio.timestep.model;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads pictures a user points at (clip folders, condition sources) without trusting them: a
 * regular file of a sane size, PNG chunks whose checksums hold, every picture's size read from
 * its header before anything is decoded (a decompression bomb states a huge size in a small
 * file), and any failure said as "FILE: what is wrong" rather than an image library's words.
 */
public final class SafeImages {
    /** Larger image files are not clip frames. */
    static final long MAX_FILE_BYTES = 64L << 20;
    /** Pixels one picture may have: 8192 × 8192. */
    static final long MAX_PIXELS = 1L << 26;
    static final int MAX_FRAMES = 10_000;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private SafeImages() {
    }

    /** Every picture of an image file (one for a PNG, each frame of a GIF). */
    public static List<BufferedImage> read(Path file) throws IOException {
        return read(file, -1);
    }

    /** Picture {@code index} only (0 for a still image; a video's frame), or all of them when {@code index} < 0. */
    public static List<BufferedImage> read(Path file, int index) throws IOException {
        String name = String.valueOf(file.getFileName());
        if (!Files.isRegularFile(file)) {
            throw new IOException(name + ": not a regular file");
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(name + ": " + size + " bytes; an image here has at most " + MAX_FILE_BYTES);
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".png")) {
            checkPngChunks(file, name);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException(name + ": not an image this program can read (PNG, GIF, JPEG, BMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                int count = reader.getNumImages(true);
                if (count < 1 || count > MAX_FRAMES) {
                    throw new IOException(name + ": " + count + " pictures; an image here has 1 to " + MAX_FRAMES);
                }
                List<BufferedImage> out = new ArrayList<>();
                for (int i = index < 0 ? 0 : Math.min(index, count - 1); i < count; i++) {
                    long pixels = (long) reader.getWidth(i) * reader.getHeight(i);
                    if (pixels > MAX_PIXELS) {
                        throw new IOException(name + ": picture " + i + " is " + reader.getWidth(i) + "×" + reader.getHeight(i)
                                + ", more than 8192×8192 pixels");
                    }
                    out.add(reader.read(i));
                    if (index >= 0) {
                        break;
                    }
                }
                return out;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(name + ":") ? e
                    : new IOException(name + ": not an image this program can read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new IOException(name + ": not an image this program can read (" + e.getMessage() + ")", e);
        }
    }

    /** PNG: the signature and every chunk's CRC-32, as the format requires (ImageIO does not check them). */
    private static void checkPngChunks(Path file, String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        byte[] signature = new byte[PNG_SIGNATURE.length];
        if (b.remaining() >= signature.length) {
            b.get(signature);
        }
        if (!Arrays.equals(signature, PNG_SIGNATURE)) {
            throw new IOException(name + ": not a PNG (its first bytes are not the PNG signature)");
        }
        while (b.remaining() >= 12) {
            long length = Integer.toUnsignedLong(b.getInt());
            if (length > b.remaining() - 8) {
                throw new IOException(name + ": truncated (a chunk claims " + length + " bytes)");
            }
            CRC32 crc = new CRC32();
            crc.update(b.array(), b.position(), (int) length + 4);
            String type = new String(b.array(), b.position(), 4, StandardCharsets.US_ASCII);
            b.position(b.position() + 4 + (int) length);
            if ((int) crc.getValue() != b.getInt()) {
                throw new IOException(name + ": damaged (the checksum of its " + type + " chunk does not match)");
            }
            if (type.equals("IEND")) {
                return;
            }
        }
        throw new IOException(name + ": truncated (no IEND chunk)");
    }
}
