package studio.timestep.run;

import java.util.ArrayList;
import java.util.List;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.wan.WanStepCache;
import studio.timestep.model.wan.WanVelocityModel;
import studio.timestep.sampling.RowEvent;
import studio.timestep.sampling.RowMetrics;
import studio.timestep.sampling.SamplingException;
import studio.timestep.sampling.SamplingRun;

/**
 * Runs jobs one after another on the calling thread, telling a listener of each start, each row
 * and each end; stops at the first job that does not finish (cancelled or failed). Cancelling
 * from another thread stops the current run between rows and starts no further job.
 */
public final class RunQueue {
    /** What a queue tells as it goes; every call comes on the queue's thread. */
    public interface Listener {
        default void started(int index, RunJob job, LoadedModel model) {
        }

        default void row(int index, RowEvent event) {
        }

        default void ended(int index, RunJob job, RunOutcome outcome) {
        }
    }

    private final RunModels models;
    private volatile boolean cancelled;
    private volatile SamplingRun current;

    public RunQueue(RunModels models) {
        this.models = models;
    }

    public void cancel() {
        cancelled = true;
        SamplingRun r = current;
        if (r != null) {
            r.cancel();
        }
    }

    /** The outcomes of the jobs run, in order: all of them done, or the last one not. */
    public List<RunOutcome> run(List<RunJob> jobs, Listener listener) {
        List<RunOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < jobs.size() && !cancelled; i++) {
            RunOutcome o = runOne(i, jobs.get(i), listener);
            outcomes.add(o);
            listener.ended(i, jobs.get(i), o);
            if (!o.done()) {
                break;
            }
        }
        return outcomes;
    }

    private RunOutcome runOne(int index, RunJob job, Listener listener) {
        RunRequest request = job.request();
        List<RowMetrics> rows = new ArrayList<>();
        LoadedModel model = null;
        WanStepCache cache = null;
        try {
            model = models.model(request.model(), request.plan().frames());
            if (job.cache() != null) {
                CacheComparison.check(request, model);
                cache = job.cache().create(request.plan().rows());
                ((WanVelocityModel) model.velocity()).useCache(cache);
            }
            SamplingRun run = new SamplingRun(request.plan(), model, request.settings());
            current = run;
            if (cancelled) {
                run.cancel();
            }
            listener.started(index, job, model);
            SamplingRun.Result result = run.run(e -> {
                rows.add(e.metrics());
                listener.row(index, e);
            });
            RunOutcome outcome = new RunOutcome(result.cancelled() ? RunOutcome.Kind.CANCELLED : RunOutcome.Kind.DONE,
                    result.rows(), result.x(), model, "");
            return cache == null ? outcome : CacheComparison.withDecisions(outcome, cache);
        } catch (RunException | SamplingException e) {
            return new RunOutcome(RunOutcome.Kind.FAILED, rows, null, model, e.getMessage());
        } catch (IllegalArgumentException e) {
            // a model's refusal of its input (a condition source, a prompt file) names what is wrong
            return new RunOutcome(RunOutcome.Kind.FAILED, rows, null, model, e.getMessage());
        } catch (RuntimeException e) {
            // a fault of ours or of a library: the run stops with a sentence, the rows done are kept
            return new RunOutcome(RunOutcome.Kind.FAILED, rows, null, model, "internal error ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        } finally {
            current = null;
            if (cache != null) {
                ((WanVelocityModel) model.velocity()).useCache(null);
            }
        }
    }
}
