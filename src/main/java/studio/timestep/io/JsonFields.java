package studio.timestep.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;

/**
 * Typed access to the fields of a JSON document, strict about types: a number is a JSON number
 * (never "5f" or true), a whole number is integral and fits its range (never wrapping past 2³²),
 * text is a JSON string. Every failure names the file and the JSON path with what was found.
 */
public final class JsonFields {
    private final Path file;

    public JsonFields(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    public FileFormatException error(String at, String message) {
        return new FileFormatException(file, at, message);
    }

    public JsonNode object(JsonNode n, String at) throws FileFormatException {
        if (n == null || !n.isObject()) {
            throw error(at, "expected an object, got " + describe(n));
        }
        return n;
    }

    /** A list of exactly {@code size} entries ({@code size} < 0: any). */
    public JsonNode array(JsonNode n, String at, int size) throws FileFormatException {
        if (n == null || !n.isArray()) {
            throw error(at, "expected a list" + (size >= 0 ? " of " + size : "") + ", got " + describe(n));
        }
        if (size >= 0 && n.size() != size) {
            throw error(at, "expected " + size + " entries, got " + n.size());
        }
        return n;
    }

    public double number(JsonNode n, String at) throws FileFormatException {
        if (n == null || !n.isNumber()) {
            throw error(at, "expected a number, got " + describe(n));
        }
        double v = n.asDouble();
        if (!Double.isFinite(v)) {
            throw error(at, "expected a finite number, got " + n);
        }
        return v;
    }

    public double number(JsonNode parent, String key, String at, double fallback) throws FileFormatException {
        return parent.has(key) ? number(parent.get(key), at) : fallback;
    }

    public int integer(JsonNode n, String at, long min, long max) throws FileFormatException {
        if (n == null || !n.isNumber() || !n.canConvertToExactIntegral()) {
            throw error(at, "expected a whole number in [" + min + ", " + max + "], got " + describe(n));
        }
        BigInteger v = n.bigIntegerValue();
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(at, "expected a whole number in [" + min + ", " + max + "], got " + n);
        }
        return v.intValueExact();
    }

    public int integer(JsonNode parent, String key, String at, long min, long max, int fallback) throws FileFormatException {
        return parent.has(key) ? integer(parent.get(key), at, min, max) : fallback;
    }

    public String text(JsonNode parent, String key, String at, String fallback) throws FileFormatException {
        JsonNode n = parent.get(key);
        if (n == null) {
            if (fallback == null) {
                throw error(at, "is missing");
            }
            return fallback;
        }
        if (!n.isTextual()) {
            throw error(at, "expected text, got " + describe(n));
        }
        return n.asText();
    }

    public boolean bool(JsonNode parent, String key, String at, boolean fallback) throws FileFormatException {
        JsonNode n = parent.get(key);
        if (n == null) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw error(at, "expected true or false, got " + describe(n));
        }
        return n.asBoolean();
    }

    /** A node as a message shows it: short, one line. */
    public static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        String s = n.toString();
        return s.length() > 40 ? s.substring(0, 37) + "…" : s;
    }
}
