package studio.timestep.model.tiny;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.SafetensorsFile;
import studio.timestep.io.SafetensorsWriter;
import studio.timestep.model.Prompt;
import studio.timestep.model.PromptKind;
import studio.timestep.model.wan.WanVelocityModel;

/**
 * The tiny model's text encoder: a learned embedding per vocabulary word, trained with the
 * transformer, in place of umT5. A caption's rows are its words' embeddings, then zero rows up to
 * {@code max_tokens} (the transformer attends over all of them, as Wan does over umT5's 512).
 */
public record CaptionEncoder(CaptionVocabulary vocabulary, INDArray table) implements WanVelocityModel.TextEncoder {
    public static final String WEIGHTS = "model.safetensors";
    public static final String TABLE = "token_embedding.weight";

    public CaptionEncoder {
        if (table.rank() != 2 || table.size(0) != vocabulary.words().size()) {
            throw new IllegalArgumentException("the embedding table should be [" + vocabulary.words().size() + ", text_dim], is "
                    + Arrays.toString(table.shape()));
        }
    }

    public int textDim() {
        return (int) table.size(1);
    }

    @Override
    public PromptKind promptKind() {
        return PromptKind.TEXT;
    }

    @Override
    public INDArray embeddings(Prompt prompt, int textDim) {
        if (!(prompt instanceof Prompt.Text text)) {
            throw new IllegalArgumentException(PromptKind.TEXT.refusal("the tiny model", prompt));
        }
        if (textDim != textDim()) {
            throw new IllegalArgumentException("the transformer's text_dim is " + textDim + ", the caption table's " + textDim());
        }
        int[] ids = vocabulary.ids(text.text());
        INDArray rows = Nd4j.zeros(DataType.FLOAT, vocabulary.maxTokens(), textDim);
        for (int i = 0; i < ids.length; i++) {
            rows.getRow(i).assign(table.getRow(ids[i]));
        }
        return rows;
    }

    /** Reads {@code vocabulary.json} and {@code model.safetensors} of a text_encoder folder. */
    public static CaptionEncoder read(Path folder) throws FileFormatException {
        CaptionVocabulary vocabulary = CaptionVocabulary.read(folder.resolve(CaptionVocabulary.FILE));
        Path file = folder.resolve(WEIGHTS);
        SafetensorsFile weights = SafetensorsFile.open(file);
        if (!weights.tensors().containsKey(TABLE)) {
            throw new FileFormatException(file, "", "has no tensor '" + TABLE + "'");
        }
        long[] shape = weights.info(TABLE).shape();
        if (shape.length != 2 || shape[0] != vocabulary.words().size() || shape[1] < 1 || shape[1] > 1 << 16) {
            throw new FileFormatException(file, TABLE, "has shape " + Arrays.toString(shape) + "; the vocabulary needs ["
                    + vocabulary.words().size() + ", text_dim]");
        }
        return new CaptionEncoder(vocabulary, weights.array(TABLE));
    }

    public void write(Path folder) throws IOException {
        vocabulary.write(folder.resolve(CaptionVocabulary.FILE));
        INDArray t = table.castTo(DataType.FLOAT).dup('c');
        SafetensorsWriter.write(folder.resolve(WEIGHTS), Map.of(TABLE, new SafetensorsWriter.Tensor(t.data().asFloat(), t.shape())));
    }
}
