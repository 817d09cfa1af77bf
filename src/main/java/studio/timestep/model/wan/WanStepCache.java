package studio.timestep.model.wan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A step cache the Wan transformer consults around its blocks: before the blocks (TeaCache, on the
 * time embedding) or after block 0 (first-block cache, on that block's residual), and after all
 * blocks (to keep their residual). Each prompt of a guided evaluation is a branch with its own
 * state, as TeaCache keeps separate accumulators for the conditional and unconditional calls
 * (ali-vilab/TeaCache, TeaCache4Wan2.1/teacache_generate.py: the even and odd calls). A skipped
 * call adds the branch's cached residual instead of running the blocks. Every call is recorded.
 */
public abstract class WanStepCache {
    /** One transformer call: its branch, its index within the branch, the method's signal and accumulated value, and the decision. */
    public record Call(int branch, int index, double signal, double accumulated, boolean computed) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final List<INDArray> residuals = new ArrayList<>();
    private final List<Integer> counts = new ArrayList<>();

    /** The calls so far, in order. */
    public List<Call> calls() {
        return Collections.unmodifiableList(calls);
    }

    /** Calls that ran the model (all of it, or its blocks). */
    public long computed() {
        return calls.stream().filter(Call::computed).count();
    }

    /** The speed-up in model calls: calls made / calls computed. */
    public double callSpeedup() {
        return calls.size() / (double) computed();
    }

    /** The method and its setting, as a run label names them. */
    public abstract String describe();

    /** The next call's index within {@code branch} (0 for its first call). */
    final int nextIndex(int branch) {
        while (counts.size() <= branch) {
            counts.add(0);
            residuals.add(null);
        }
        return counts.get(branch);
    }

    final void record(int branch, double signal, double accumulated, boolean computed) {
        int index = nextIndex(branch);
        counts.set(branch, index + 1);
        calls.add(new Call(branch, index, signal, accumulated, computed));
    }

    /** The residual the blocks (or the blocks after the first) added on this branch's last computed call. */
    final INDArray residual(int branch) {
        nextIndex(branch);
        return residuals.get(branch);
    }

    final void keepResidual(int branch, INDArray residual) {
        nextIndex(branch);
        residuals.set(branch, residual);
    }

    /**
     * Before anything (EasyCache): the call's whole output when it is skipped, else null. The input
     * is the latent the transformer was given.
     */
    INDArray skipCall(int branch, INDArray latent) {
        return null;
    }

    /** After a computed call (EasyCache): its input latent and output. */
    void called(int branch, INDArray latent, INDArray output) {
    }

    /**
     * Before the blocks: true to skip all of them (the transformer adds {@link #residual}). A
     * method that decides later returns false and decides in {@link #skipAfterFirstBlock}.
     */
    boolean skipBeforeBlocks(int branch, WanTimeEmbedding time) {
        return false;
    }

    /** After the blocks of a computed call, with the residual they added (MagCache's calibration reads it). */
    void blocksComputed(int branch, INDArray residual) {
    }

    /** After block 0 (given its residual): true to skip the remaining blocks. */
    boolean skipAfterFirstBlock(int branch, INDArray firstBlockResidual) {
        return false;
    }

    /** Whether the cache keeps the residual of all blocks (false: of the blocks after the first). */
    boolean cachesAllBlocks() {
        return true;
    }
}
