package studio.timestep.run;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.model.LoadedModel;
import studio.timestep.sampling.RowMetrics;

/**
 * How a run ended, with what it computed: done, cancelled (the rows done are kept) or failed
 * (a sentence saying why; rows done before are kept). {@code x} is the final sample, or null
 * when the run did not get that far; {@code model} is null when the model could not be loaded.
 */
public record RunOutcome(Kind kind, List<RowMetrics> rows, INDArray x, LoadedModel model, String message) {
    public enum Kind { DONE, CANCELLED, FAILED }

    public RunOutcome {
        rows = List.copyOf(rows);
    }

    public boolean done() {
        return kind == Kind.DONE;
    }

    /** One line for a status bar. */
    public String describe() {
        return switch (kind) {
            case DONE -> "Done: " + rows.size() + " rows";
            case CANCELLED -> "Cancelled after " + rows.size() + " rows (kept)";
            case FAILED -> "Run stopped: " + message;
        };
    }
}
