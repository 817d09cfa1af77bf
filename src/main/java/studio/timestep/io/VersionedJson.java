package studio.timestep.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The start of reading any of this program's JSON files: a regular file of a sane size, one
 * strict JSON document (see {@link StrictJson}), an object whose "format" is the expected one and
 * whose "version" is a whole number this program knows.
 */
final class VersionedJson {
    /** Curve files, presets and plan files larger than this are not ours (a 2000 × 2000 plan is about 20 MB). */
    static final long MAX_BYTES = 64L << 20;

    private VersionedJson() {
    }

    static JsonNode read(Path file, String format, int version) throws IOException, FileFormatException {
        return read(file, StrictJson.readText(file, MAX_BYTES), format, version);
    }

    static JsonNode read(Path file, String text, String format, int version) throws FileFormatException {
        JsonNode root = StrictJson.parse(file, text);
        if (!root.isObject()) {
            throw new FileFormatException(file, "", "expected a JSON object with \"format\": \"" + format + "\"");
        }
        JsonNode f = root.get("format");
        if (f == null || !f.isTextual() || !format.equals(f.asText())) {
            throw new FileFormatException(file, "format", "expected \"" + format + "\", got " + JsonFields.describe(f));
        }
        JsonNode v = root.get("version");
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() != version) {
            throw new FileFormatException(file, "version", "this program reads version " + version + ", the file has "
                    + JsonFields.describe(v));
        }
        return root;
    }
}
