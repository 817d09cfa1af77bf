package studio.timestep.model.wan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.SafetensorsWriter;
import studio.timestep.model.Prompt;
import studio.timestep.model.PromptKind;

/**
 * A pipeline's own text path: prompt text → {@code tokenizer/} → {@code text_encoder/} (umT5) →
 * the transformer's text input, as {@code WanPipeline._get_t5_prompt_embeds} makes it. Each
 * prompt's embeddings are kept on disk by (encoder files, text), so a prompt is encoded once
 * whatever the run; embeddings files ({@code --prompt-embeds}) are taken as they are.
 */
public final class WanTextEncoder implements WanVelocityModel.TextEncoder {
    private final Path tokenizerJson;
    private final Path encoderDir;
    private final Path cacheDir;
    private WanTokenizer tokenizer;
    private UmT5Encoder encoder;

    public WanTextEncoder(Path tokenizerJson, Path encoderDir, Path cacheDir) {
        this.tokenizerJson = tokenizerJson;
        this.encoderDir = encoderDir;
        this.cacheDir = cacheDir;
    }

    /** The pipeline's tokenizer and text encoder, or null when the folder has not both (embeddings files are then needed). */
    public static WanTextEncoder of(Path pipeline, Path cacheDir) {
        Path tokenizer = pipeline.resolve("tokenizer").resolve("tokenizer.json");
        Path encoder = pipeline.resolve("text_encoder");
        return Files.isRegularFile(tokenizer) && Files.isDirectory(encoder) ? new WanTextEncoder(tokenizer, encoder, cacheDir) : null;
    }

    /** {@code -Dstudio.cache=DIR}, else ~/.cache/timestep-studio: where encoded prompts are kept. */
    public static Path defaultCacheDir() {
        String property = System.getProperty("studio.cache");
        return (property != null ? Path.of(property) : Path.of(System.getProperty("user.home"), ".cache", "timestep-studio"))
                .resolve("prompt-embeds");
    }

    @Override
    public PromptKind promptKind() {
        return PromptKind.TEXT;
    }

    /** Opens the tokenizer and the encoder (headers only) and checks the encoder's width against the transformer's. */
    public synchronized void check(int textDim) throws FileFormatException {
        if (encoder == null) {
            encoder = UmT5Encoder.open(encoderDir);
        }
        if (encoder.config().dModel() != textDim) {
            throw new FileFormatException(encoderDir.resolve("config.json"), "d_model", "is " + encoder.config().dModel()
                    + " but the transformer's text_dim is " + textDim + ": this text encoder does not belong to this transformer");
        }
        if (tokenizer == null) {
            tokenizer = WanTokenizer.open(tokenizerJson);
        }
    }

    @Override
    public synchronized INDArray embeddings(Prompt prompt, int textDim) {
        try {
            if (prompt instanceof Prompt.Embeddings file) {
                return WanPromptEmbeddings.read(file.file(), textDim);
            }
            String text = ((Prompt.Text) prompt).text();
            Path cached = cacheDir.resolve(key(text) + ".safetensors");
            if (Files.isRegularFile(cached)) {
                try {
                    return WanPromptEmbeddings.read(cached, textDim);
                } catch (FileFormatException damaged) {
                    // a damaged cache file is made again below
                }
            }
            check(textDim);
            long[] ids = tokenizer.ids(text);
            INDArray embeds = encoder.promptEmbeds(ids, WanPromptEmbeddings.MAX_TOKENS);
            save(cached, embeds.get(NDArrayIndex.interval(0, ids.length), NDArrayIndex.all()).dup('c'));
            return embeds;
        } catch (FileFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A cache that cannot be written costs the next run an encode, nothing else. */
    private static void save(Path file, INDArray rows) {
        try {
            Files.createDirectories(file.getParent());
            SafetensorsWriter.write(file, Map.of(WanPromptEmbeddings.TENSOR, new SafetensorsWriter.Tensor(rows.data().asFloat(),
                    rows.shape())));
        } catch (IOException | RuntimeException e) {
            // left unsaved on purpose
        }
    }

    /** SHA-256 of the encoder's and tokenizer's files (name, size, modification time) and the text. */
    private String key(String text) throws FileFormatException {
        try (Stream<Path> files = Files.list(encoderDir)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : Stream.concat(files.sorted(), Stream.of(tokenizerJson)).toList()) {
                sha.update((f.getFileName() + "\0" + Files.size(f) + "\0" + Files.getLastModifiedTime(f).toMillis() + "\0")
                        .getBytes(StandardCharsets.UTF_8));
            }
            sha.update(WanTokenizer.clean(text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new FileFormatException(encoderDir, "", "cannot be listed (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
