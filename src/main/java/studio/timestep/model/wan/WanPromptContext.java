package studio.timestep.model.wan;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One prompt as the transformer uses it: the projected text [L, dim] and, filled in as blocks
 * first run, each block's cross-attention keys and values, which do not change from row to row.
 */
public final class WanPromptContext {
    final INDArray text;
    final INDArray[] keys;
    final INDArray[] values;

    WanPromptContext(INDArray text, int layers) {
        this.text = text;
        this.keys = new INDArray[layers];
        this.values = new INDArray[layers];
    }

    public long tokens() {
        return text.size(0);
    }
}
