package studio.timestep.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;

/**
 * The start of reading any of this program's JSON files: valid JSON (else the line and column),
 * an object whose "format" and "version" are the expected ones.
 */
final class VersionedJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VersionedJson() {
    }

    static JsonNode read(Path file, String text, String format, int version) throws FileFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new FileFormatException(file, at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr(),
                    "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new FileFormatException(file, "", "expected a JSON object with \"format\": \"" + format + "\"");
        }
        if (!format.equals(root.path("format").asText(null))) {
            throw new FileFormatException(file, "format", "expected \"" + format + "\", got " + root.get("format"));
        }
        if (root.path("version").asInt(-1) != version) {
            throw new FileFormatException(file, "version", "this program reads version " + version + ", the file has "
                    + root.get("version"));
        }
        return root;
    }
}
