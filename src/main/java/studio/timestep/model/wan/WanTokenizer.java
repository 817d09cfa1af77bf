package studio.timestep.model.wan;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import studio.timestep.io.FileFormatException;

/**
 * A Wan pipeline's {@code tokenizer/tokenizer.json} (umT5's), read by HuggingFace tokenizers through
 * DJL's binding, used as {@code WanPipeline._get_t5_prompt_embeds} uses it: the prompt cleaned
 * ({@code prompt_clean}: HTML entities unescaped twice, whitespace runs made one space, stripped;
 * ftfy's mojibake repair is not reproduced — it leaves clean UTF-8 text as it is), special tokens
 * added (umT5's closing {@code </s>}), truncated to 512 tokens. Padding is not made here: the
 * encoder's real rows do not depend on it (see {@link UmT5Encoder#promptEmbeds}).
 */
public final class WanTokenizer implements AutoCloseable {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    static {
        // the binding's native library comes from its jar; nothing is fetched from the network
        System.setProperty("ai.djl.offline", "true");
    }

    private final HuggingFaceTokenizer tokenizer;

    private WanTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    public static WanTokenizer open(Path tokenizerJson) throws FileFormatException {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new FileFormatException(tokenizerJson, "", "does not exist (a Wan pipeline's tokenizer/ holds tokenizer.json)");
        }
        try {
            return new WanTokenizer(HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerJson).optAddSpecialTokens(true)
                    .optTruncation(true).optMaxLength(WanPromptEmbeddings.MAX_TOKENS).optPadding(false).build());
        } catch (Exception | UnsatisfiedLinkError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new FileFormatException(tokenizerJson, "", "cannot be read as a HuggingFace tokenizer (" + why + ")");
        }
    }

    /** diffusers' prompt_clean, as far as it changes clean text. */
    static String clean(String prompt) {
        String text = prompt;
        for (int i = 0; i < 2; i++) {
            text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&amp;", "&");
        }
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /** The prompt's token ids, closing special token included, at most 512. */
    public long[] ids(String prompt) {
        Encoding e = tokenizer.encode(clean(prompt));
        return e.getIds();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
