package studio.timestep.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One strict reading of the program's text files: only a regular file of a sane size is read (a
 * FIFO or /dev/zero would be read forever), the bytes must be UTF-8, and the JSON must be one
 * document with no duplicate keys, no trailing content and no absurd nesting. A failure is a
 * FileFormatException in one line naming the file and where.
 */
public final class StrictJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                .maxNumberLength(100).maxStringLength(1 << 20).build());
    }

    private StrictJson() {
    }

    /** The text of a regular file of at most {@code maxBytes}, checked before anything is read. */
    public static String readText(Path file, long maxBytes) throws IOException, FileFormatException {
        if (!Files.exists(file)) {
            throw new IOException(file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new FileFormatException(file, "", "not a regular file");
        }
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new FileFormatException(file, "", String.format("%,d bytes; a file of this kind has at most %,d", size, maxBytes));
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new FileFormatException(file, "", "not UTF-8 text");
        }
    }

    /** One JSON document from a file of at most {@code maxBytes}; a file that cannot be read is named with why. */
    public static JsonNode read(Path file, long maxBytes) throws FileFormatException {
        try {
            return parse(file, readText(file, maxBytes));
        } catch (IOException e) {
            throw new FileFormatException(file, "", "cannot be read (" + e.getMessage() + ")");
        }
    }

    /** One JSON document from text that is not a file (a pasted list): the same strictness. */
    public static JsonNode parseText(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /** One JSON document. */
    public static JsonNode parse(Path file, String text) throws FileFormatException {
        try {
            JsonNode root = MAPPER.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new FileFormatException(file, "", "empty: expected a JSON document");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new FileFormatException(file, at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr(),
                    "not valid JSON (" + reason + ")");
        }
    }
}
