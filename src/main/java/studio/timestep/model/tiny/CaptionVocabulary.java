package studio.timestep.model.tiny;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import studio.timestep.io.AtomicFiles;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.JsonFields;
import studio.timestep.io.StrictJson;

/**
 * The tiny model's stand-in for a tokenizer: the words of its training captions, lower case,
 * split at anything that is not a letter or digit. A caption becomes at most {@code maxTokens}
 * word ids; the rest of the rows are padding (zero embeddings, as Wan pads umT5's output), and the
 * empty caption is all padding — the unconditional branch.
 */
public record CaptionVocabulary(List<String> words, int maxTokens) {
    public static final String FILE = "vocabulary.json";
    static final int MAX_WORDS = 100_000;

    public CaptionVocabulary {
        words = List.copyOf(words);
        if (maxTokens < 1 || maxTokens > 512) {
            throw new IllegalArgumentException("max_tokens should be 1 to 512, got " + maxTokens);
        }
    }

    /** The sorted distinct words of the captions; room for the longest caption. */
    public static CaptionVocabulary of(List<String> captions) {
        TreeSet<String> all = new TreeSet<>();
        int longest = 1;
        for (String caption : captions) {
            List<String> w = split(caption);
            all.addAll(w);
            longest = Math.max(longest, w.size());
        }
        return new CaptionVocabulary(new ArrayList<>(all), longest);
    }

    static List<String> split(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+")).filter(w -> !w.isEmpty()).toList();
    }

    /** The word ids of a caption; a word not in the vocabulary, or too many words, is an IllegalArgumentException. */
    public int[] ids(String caption) {
        List<String> w = split(caption);
        if (w.size() > maxTokens) {
            throw new IllegalArgumentException("prompt \"" + caption + "\" has " + w.size() + " words; the tiny model reads at most "
                    + maxTokens);
        }
        int[] ids = new int[w.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = words.indexOf(w.get(i));
            if (ids[i] < 0) {
                throw new IllegalArgumentException("prompt word '" + w.get(i) + "' is not in the tiny model's vocabulary ("
                        + String.join(", ", words) + ")");
            }
        }
        return ids;
    }

    public void write(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode n = json.createObjectNode();
        n.put("max_tokens", maxTokens);
        words.forEach(n.putArray("words")::add);
        AtomicFiles.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(n));
    }

    public static CaptionVocabulary read(Path file) throws FileFormatException {
        JsonNode n = StrictJson.read(file, 16L << 20);
        JsonFields in = new JsonFields(file);
        in.object(n, "");
        int maxTokens = in.integer(n.get("max_tokens"), "max_tokens", 1, 512);
        JsonNode list = in.array(n.get("words"), "words", -1);
        if (list.size() < 1 || list.size() > MAX_WORDS) {
            throw in.error("words", "should hold 1 to " + MAX_WORDS + " words, holds " + list.size());
        }
        List<String> words = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String w = list.get(i).isTextual() ? list.get(i).asText() : "";
            if (split(w).size() != 1 || !split(w).get(0).equals(w) || words.contains(w)) {
                throw in.error("words[" + i + "]", "should be a distinct lower-case word, is " + JsonFields.describe(list.get(i)));
            }
            words.add(w);
        }
        return new CaptionVocabulary(words, maxTokens);
    }
}
