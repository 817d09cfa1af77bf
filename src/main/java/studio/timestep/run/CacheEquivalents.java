package studio.timestep.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.model.wan.WanStepCache;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.report.CacheSweepFigure;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.ManualSchedule;

/**
 * Seed 001's observation measured: a cache that computes few late steps behaves like a schedule.
 * For a cached synchronous run, the "equivalent schedule" is the same grid restricted to the rows
 * the cache computed (on the conditional branch), run without a cache: as many model calls. Set
 * beside it, the best flow-shift schedule with that many steps (over {@link #SHIFTS}). All errors
 * are against the same uncached run.
 */
public final class CacheEquivalents {
    /** The flow shifts tried for the best flow-shift schedule. */
    public static final double[] SHIFTS = {1, 1.5, 2, 3, 5, 8, 12, 20};

    /** The equivalent schedule's error, and the best flow shift with as many steps and its error. */
    public record Result(int steps, double equivalentError, double bestShift, double bestShiftError) {
        /** No equivalents computed (a plan that has none, or a sweep cancelled before them). */
        public static final Result NONE = new Result(0, Double.NaN, Double.NaN, Double.NaN);

        /** The cache sweep figure's point of the cached run {@code report} at {@code threshold}, with these equivalents. */
        public CacheSweepFigure.Point point(double threshold, CacheComparison.Report report) {
            return new CacheSweepFigure.Point(threshold, report.cache().callSpeedup(), report.latentError(), equivalentError,
                    bestShiftError);
        }
    }

    private CacheEquivalents() {
    }

    /** Whether the request has an equivalent schedule: a synchronous t2v plan on a curve's grid. */
    public static boolean applies(RunRequest request) {
        return request.origin().base() != null && request.origin().template().equals("t2v");
    }

    public static Result of(RunRequest request, CacheComparison.Report report, RunModels models) {
        CurveSetup base = request.origin().base();
        if (!applies(request)) {
            throw new RunException("cache: the equivalent schedule needs a synchronous t2v run on a curve");
        }
        double[] grid = base.grid().sigmas();
        List<Double> kept = new ArrayList<>();
        for (WanStepCache.Call c : report.cache().calls()) {
            if (c.branch() == 0 && c.computed()) {
                kept.add(grid[c.index()]);
            }
        }
        double[] sigmas = kept.stream().mapToDouble(Double::doubleValue).toArray();
        int steps = sigmas.length;
        INDArray reference = report.reference().x();
        double equivalent = CacheComparison.latentError(run(request, new CurveSetup("equivalent", new ManualSchedule(sigmas), base.convention(), steps,
                true), models), reference);
        double bestShift = Double.NaN;
        double bestError = Double.POSITIVE_INFINITY;
        for (double shift : SHIFTS) {
            double e = CacheComparison.latentError(run(request, new CurveSetup("flow shift", new FlowShiftCurve(shift), base.convention(), steps, true),
                    models), reference);
            if (e < bestError) {
                bestError = e;
                bestShift = shift;
            }
        }
        return new Result(steps, equivalent, bestShift, bestError);
    }

    private static INDArray run(RunRequest request, CurveSetup curve, RunModels models) {
        RunRequest r = new RunRequest(PlanTemplate.T2V.build(Map.of("frames", request.plan().frames()), curve.grid()),
                new PlanOrigin("t2v", curve), request.model(), request.settings());
        RunOutcome outcome = new RunQueue(models).run(List.of(RunJob.single(r)), new RunQueue.Listener() {
        }).get(0);
        if (!outcome.done()) {
            throw new RunException(outcome.describe());
        }
        return outcome.x();
    }
}
