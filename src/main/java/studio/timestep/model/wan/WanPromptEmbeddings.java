package studio.timestep.model.wan;

import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.SafetensorsFile;

/**
 * umT5 prompt embeddings from a safetensors file — the tensor {@code prompt_embeds} (or the
 * file's only tensor), [L, text_dim] or [1, L, text_dim] — zero-padded to 512 rows as diffusers'
 * WanPipeline does (its max_sequence_length), since the padding rows take part in cross-attention.
 */
public final class WanPromptEmbeddings {
    public static final int MAX_TOKENS = 512;
    public static final String TENSOR = "prompt_embeds";

    private WanPromptEmbeddings() {
    }

    public static INDArray read(Path file, int textDim) throws FileFormatException {
        SafetensorsFile f = SafetensorsFile.open(file);
        String name = f.tensors().containsKey(TENSOR) ? TENSOR
                : f.tensors().size() == 1 ? f.tensors().keySet().iterator().next() : null;
        if (name == null) {
            throw new FileFormatException(file, "", "should hold one tensor or one named '" + TENSOR + "', found "
                    + f.tensors().keySet());
        }
        long[] shape = f.info(name).shape();
        long[] rows = shape.length == 3 && shape[0] == 1 ? new long[] {shape[1], shape[2]} : shape;
        if (rows.length != 2 || rows[1] != textDim) {
            throw new FileFormatException(file, "tensor '" + name + "'", "has shape " + Arrays.toString(shape)
                    + "; the model needs [tokens, " + textDim + "] (umT5 embeddings)");
        }
        if (rows[0] > MAX_TOKENS || rows[0] < 1) {
            throw new FileFormatException(file, "tensor '" + name + "'", "has " + rows[0] + " tokens; 1 to " + MAX_TOKENS
                    + " are allowed");
        }
        INDArray padded = Nd4j.zeros(DataType.FLOAT, MAX_TOKENS, textDim);
        padded.get(NDArrayIndex.interval(0, rows[0]), NDArrayIndex.all())
                .assign(f.array(name).reshape(rows));
        return padded;
    }
}
