package studio.timestep.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.Prompt;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.sampling.RunSettings;
import studio.timestep.sampling.SamplerKind;
import studio.timestep.sampling.SamplingException;
import studio.timestep.sampling.SamplingRun;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;

/**
 * Shift auto-tune (issue 13, seed 001's question "which shift?"): the flow shift s whose N-step
 * synchronous run ends closest to a reference run from the same noise, averaged over seeds and
 * prompts. The reference solves the same probability-flow ODE far more finely — Heun (second
 * order) with {@link #REFERENCE_STEPS} steps at shift 3 — so its own error is small against the
 * runs it judges. The error is the relative L1 distance of the final frames, Σ|x − x_ref| / Σ|x_ref|.
 * The search evaluates a log-spaced grid of shifts, then refines around the best by golden-section
 * search in log s; every evaluated shift is part of the error curve.
 */
public final class ShiftTune {
    public static final int REFERENCE_STEPS = 100;
    static final double REFERENCE_SHIFT = 3;
    static final double[] GRID = {0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 7, 9, 12, 16, 24};
    static final int REFINEMENTS = 6;

    /** One evaluated shift and its mean error. */
    public record Point(double shift, double error) {
    }

    /** The best shift, its error, and every evaluated point in shift order. */
    public record Result(double bestShift, double bestError, List<Point> curve) {
        /** The error at the evaluated shift nearest {@code shift} (for "and at the default shift"). */
        public double errorNear(double shift) {
            return curve.stream().min(Comparator.comparingDouble(p -> Math.abs(Math.log(p.shift()) - Math.log(shift))))
                    .orElseThrow().error();
        }
    }

    /** What is tuned: the model, frames, steps, convention and sampler, with the prompts and seeds averaged over. */
    public record Task(ModelSource model, int frames, int steps, GridConvention convention, RunSettings settings, List<Long> seeds) {
        public Task {
            if (settings.sampler() == SamplerKind.RENOISE) {
                throw new RunException("sampler: shift auto-tune compares deterministic runs from the same noise; renoise adds "
                        + "fresh noise every step");
            }
            if (seeds.isEmpty()) {
                throw new RunException("seeds: give at least one");
            }
        }
    }

    private final Task task;
    private final LoadedModel model;
    private final Map<String, INDArray> references = new TreeMap<>();
    private final BooleanSupplier cancelled;

    ShiftTune(Task task, RunModels models, BooleanSupplier cancelled) {
        this.task = task;
        this.model = models.model(task.model(), task.frames());
        this.cancelled = cancelled;
    }

    /** Tunes the shift; {@code progress} hears each evaluated point, {@code cancelled} stops between runs (a RunException). */
    public static Result tune(Task task, RunModels models, Consumer<Point> progress, BooleanSupplier cancelled) {
        ShiftTune t = new ShiftTune(task, models, cancelled);
        return search(shift -> {
            double e = t.meanError(shift);
            progress.accept(new Point(shift, e));
            return e;
        });
    }

    /** The grid, then golden-section refinement in log s between the best grid point's neighbours. */
    static Result search(DoubleUnaryOperator errorOf) {
        Map<Double, Double> evaluated = new TreeMap<>();
        DoubleUnaryOperator error = s -> evaluated.computeIfAbsent(s, errorOf::applyAsDouble);
        int best = 0;
        for (int i = 0; i < GRID.length; i++) {
            if (error.applyAsDouble(GRID[i]) < error.applyAsDouble(GRID[best])) {
                best = i;
            }
        }
        double lo = Math.log(GRID[Math.max(0, best - 1)]);
        double hi = Math.log(GRID[Math.min(GRID.length - 1, best + 1)]);
        double ratio = (Math.sqrt(5) - 1) / 2;
        double a = hi - ratio * (hi - lo);
        double b = lo + ratio * (hi - lo);
        for (int i = 0; i < REFINEMENTS; i++) {
            if (error.applyAsDouble(Math.exp(a)) <= error.applyAsDouble(Math.exp(b))) {
                hi = b;
                b = a;
                a = hi - ratio * (hi - lo);
            } else {
                lo = a;
                a = b;
                b = lo + ratio * (hi - lo);
            }
        }
        List<Point> curve = new ArrayList<>();
        evaluated.forEach((s, e) -> curve.add(new Point(s, e)));
        Point min = curve.stream().min(Comparator.comparingDouble(Point::error)).orElseThrow();
        return new Result(min.shift(), min.error(), curve);
    }

    double meanError(double shift) {
        double sum = 0;
        int n = 0;
        for (Prompt prompt : task.settings().prompts()) {
            for (long seed : task.seeds()) {
                RunSettings s = settings(prompt, seed, task.settings().sampler());
                INDArray reference = references.computeIfAbsent(prompt.describe() + "/" + seed,
                        k -> run(REFERENCE_SHIFT, REFERENCE_STEPS, settings(prompt, seed, SamplerKind.HEUN)));
                INDArray x = run(shift, task.steps(), s);
                sum += x.sub(reference).norm1Number().doubleValue() / Math.max(1e-12, reference.norm1Number().doubleValue());
                n++;
            }
        }
        return sum / n;
    }

    private RunSettings settings(Prompt prompt, long seed, SamplerKind sampler) {
        return task.settings().withPrompts(List.of(prompt)).withSeed(seed).withSampler(sampler);
    }

    private INDArray run(double shift, int steps, RunSettings settings) {
        if (cancelled.getAsBoolean()) {
            throw new RunException("shift auto-tune cancelled");
        }
        TimestepPlan plan = PlanTemplate.T2V.build(Map.of("frames", task.frames()),
                new FlowShiftCurve(shift).sigmaGrid(steps, task.convention()));
        try {
            SamplingRun.Result r = new SamplingRun(plan, model, settings).run(e -> { });
            return r.x();
        } catch (SamplingException e) {
            throw new RunException("shift " + shift + ": " + e.getMessage(), e);
        }
    }
}
