package studio.timestep.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import studio.timestep.model.ConditionLoader;
import studio.timestep.model.DenseFloats;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.Prompt;
import studio.timestep.model.VelocityModel;
import studio.timestep.plan.FrameRole;
import studio.timestep.plan.FrameSource;
import studio.timestep.plan.TimestepPlan;

/**
 * Drives a plan through the model: per row, the frames' levels and roles set up the model's
 * input (condition frames substituted), the prompts are evaluated together and blended per frame
 * by the plan's prompt weights, guidance is applied, the sampler moves the frames whose level
 * changes, and one {@link RowEvent} goes to the listener. Cancelling stops between rows and keeps
 * what was computed; the same seed gives the same result.
 */
public final class SamplingRun {
    private final TimestepPlan plan;
    private final VelocityModel model;
    /** A two-expert model's low-noise expert (null for one model), and the first row it runs. */
    private final VelocityModel lowNoise;
    private final int lowNoiseFrom;
    private final ConditionLoader conditions;
    private final RunSettings settings;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** What a run produced: one metrics row per row done, the final latent, and whether it stopped early. */
    public record Result(List<RowMetrics> rows, INDArray x, boolean cancelled) {
    }

    public SamplingRun(TimestepPlan plan, LoadedModel model, RunSettings settings) {
        if (plan.frames() != model.velocity().frames()) {
            throw new SamplingException("the plan has " + plan.frames() + " frames but the model was built for "
                    + model.velocity().frames());
        }
        this.plan = plan;
        this.model = model.velocity();
        this.conditions = model.conditions();
        this.settings = settings;
        if (model.lowNoise() == null) {
            this.lowNoise = null;
            this.lowNoiseFrom = plan.rows();
        } else {
            if (model.lowNoise().velocity().frames() != plan.frames()) {
                throw new SamplingException("the low-noise expert was built for " + model.lowNoise().velocity().frames()
                        + " frames, the plan has " + plan.frames());
            }
            double boundary = settings.experts() != null ? settings.experts().boundary() : model.lowNoise().boundary();
            if (Double.isNaN(boundary)) {
                throw new SamplingException("the model has a low-noise expert (transformer_2) but no boundary: its "
                        + "model_index.json gives no boundary_ratio; set the expert boundary");
            }
            this.lowNoise = model.lowNoise().velocity();
            this.lowNoiseFrom = new ExpertGuidance(boundary, 1).switchRow(plan);
        }
    }

    /** The first row the low-noise expert runs (the plan's rows when the model has none). */
    public int lowNoiseFrom() {
        return lowNoiseFrom;
    }

    public void cancel() {
        cancelled.set(true);
    }

    public Result run(Consumer<RowEvent> listener) {
        NativeMemory memory = new NativeMemory();
        try (Backend.ThreadLimit limit = Backend.limitThreads(Backend.runThreads())) {
            return runRows(listener, memory);
        } finally {
            memory.runEnded();
        }
    }

    private Result runRows(Consumer<RowEvent> listener, NativeMemory memory) {
        // ND4J calls System.gc() every few hundred ms by default: a full collection that stops every
        // thread, the window's included (measured: 250 ms frame gaps). The ordinary GC frees the buffers.
        Nd4j.getMemoryManager().togglePeriodicGc(false);
        Nd4j.getRandom().setSeed(settings.seed());
        int frames = plan.frames();
        long[] shape = shape(frames);
        long d = shape[1] * shape[2] * shape[3];
        INDArray[] source = new INDArray[frames];
        for (int f = 0; f < frames; f++) {
            FrameSource s = plan.role(f).source();
            if (s != null && s.kind() != FrameSource.Kind.PLAN_FRAME) {
                try {
                    source[f] = conditions.load(f, s, settings.sourceDir());
                } catch (IllegalArgumentException e) {
                    throw new SamplingException(e.getMessage());
                }
            } else if (plan.role(f).isCondition() && s == null) {
                throw new SamplingException("frame " + f + ": a condition frame needs a source");
            }
        }
        INDArray noise = Nd4j.randn(DataType.FLOAT, frames, d);
        INDArray x = Nd4j.create(DataType.FLOAT, frames, d);
        for (int f = 0; f < frames; f++) {
            double level = plan.sigma(0, f);
            INDArray row = noise.getRow(f).mul(level);
            if (source[f] != null && plan.role(f).mode() != FrameRole.Mode.CLEAN
                    && plan.role(f).mode() != FrameRole.Mode.FIXED_LEVEL) {
                row.addi(source[f].reshape(d).mul(1 - level));
            } else if (source[f] != null) {
                row = source[f].reshape(d).dup();
            }
            x.putRow(f, row);
        }

        PlanSampler sampler = settings.sampler().create();
        List<RowMetrics> done = new ArrayList<>();
        Evaluation previous = null;
        boolean[] previouslySeen = new boolean[frames];
        for (int r = 0; r < plan.rows() && !cancelled.get(); r++) {
            double[] sigma = new double[frames];
            double[] next = new double[frames];
            boolean[] moving = new boolean[frames];
            boolean[] seen = new boolean[frames];
            double timestepSum = 0;
            int movingCount = 0;
            for (int f = 0; f < frames; f++) {
                sigma[f] = plan.sigma(r, f);
                next[f] = plan.next(r, f);
                moving[f] = plan.moves(r, f) && !plan.role(f).isCondition();
                seen[f] = f >= plan.windowStart(r) && f < plan.windowEnd(r);
                if (moving[f]) {
                    timestepSum += 1000 * sigma[f];
                    movingCount++;
                }
            }
            int row = r;
            // the expert (and its guidance) is the row's: a sampler's further evaluations in the row keep it
            double guidance = settings.guidanceAt(movingCount == 0 ? 1000 : timestepSum / movingCount);
            Evaluation e = evaluate(r, x, sigma, source, guidance);
            INDArray v = e.guided();
            INDArray input = e.input();
            checkFinite(r, v, seen);
            // a sampler's further evaluations in the row (Heun) step with them but leave the row's metrics alone
            INDArray xNext = sampler.step(x, v, sigma, next, moving, (at, levels) -> {
                Evaluation e1 = evaluate(row, at, levels, source, guidance);
                close(e1.condOwner());
                checkFinite(row, e1.guided(), seen);
                return e1.guided();
            });
            double[] latent = RelativeL1.of(xNext, x, moving);
            boolean[] both = and(seen, previouslySeen);
            double[] condL1 = previous == null ? nan(frames + 1) : RelativeL1.of(e.cond(), previous.cond(), both);
            double[] guidedL1 = previous == null ? nan(frames + 1) : RelativeL1.of(v, previous.guided(), both);
            INDArray x0 = FrameCombination.of(input).minus(e.levels(), v).array();
            RowMetrics metrics = new RowMetrics(r, plan.rows(), movingCount == 0 ? Double.NaN : timestepSum / movingCount,
                    latent[frames], condL1[frames], guidedL1[frames], sigma,
                    Arrays.copyOf(latent, frames), Arrays.copyOf(condL1, frames),
                    Arrays.copyOf(guidedL1, frames));
            done.add(metrics);
            x = xNext;
            if (previous != null) {
                close(previous.condOwner());
            }
            previous = e;
            previouslySeen = seen;
            // no copies: a row's arrays are new, and nothing changes them once made
            listener.accept(new RowEvent(metrics, x.reshape(shape), x0.reshape(shape), input.reshape(shape)));
            memory.collectIfGrown();
        }
        return new Result(done, withPlanFrameSources(x).reshape(shape), cancelled.get());
    }

    /**
     * The result with each condition frame whose source is another frame of the plan (a loop's
     * end, a chained segment's start) holding that frame's content: the model saw it there in
     * every row, and the stored row of such a frame is never moved.
     */
    private INDArray withPlanFrameSources(INDArray x) {
        INDArray out = x;
        for (int f = 0; f < plan.frames(); f++) {
            FrameRole role = plan.role(f);
            if (role.isCondition() && role.source() != null && role.source().kind() == FrameSource.Kind.PLAN_FRAME) {
                out = out == x ? x.dup() : out;
                out.putRow(f, x.getRow(role.source().frame()));
            }
        }
        return out;
    }

    /** x as the model sees it: condition frames at their source, noised afresh to their level. */
    private INDArray modelInput(INDArray x, double[] sigma, INDArray[] source) {
        INDArray in = x;
        for (int f = 0; f < sigma.length; f++) {
            FrameRole role = plan.role(f);
            if (!role.isCondition()) {
                continue;
            }
            INDArray clean = role.source().kind() == FrameSource.Kind.PLAN_FRAME ? x.getRow(role.source().frame())
                    : source[f].reshape(x.size(1));
            double level = inputLevel(role, sigma[f]);
            INDArray row = clean.mul(1 - level);
            if (level > 0) {
                row.addi(Nd4j.randn(DataType.FLOAT, x.size(1)).muli(level));
            }
            in = in == x ? x.dup() : in;
            in.putRow(f, row);
        }
        return in;
    }

    private static double inputLevel(FrameRole role, double planLevel) {
        return switch (role.mode()) {
            case FIXED_LEVEL -> role.value();
            case SCALED -> planLevel;
            default -> 0;
        };
    }

    /**
     * One model evaluation of a row: the input the model saw (condition frames substituted and
     * freshly noised), the levels it was given, the prompt-blended conditional velocity and the
     * guided one, and the array that holds the conditional velocity when it is not the guided one
     * (null when it is): only this run reads it, so the run frees it when done with it.
     */
    private record Evaluation(INDArray input, double[] levels, INDArray cond, INDArray guided, INDArray condOwner) {
    }

    /**
     * Frees an array this run alone reads, at once rather than when the collector finds its handle:
     * the next row's arrays reuse the memory, where new memory costs a page fault per 4 KiB
     * (12–30 µs on these machines; see TrainingChild), as much as a one-frame row's arithmetic.
     */
    private static void close(INDArray owned) {
        if (owned != null) {
            owned.close();
        }
    }

    private Evaluation evaluate(int row, INDArray x, double[] sigma, INDArray[] source, double guidance) {
        int frames = sigma.length;
        double[] levels = sigma.clone();
        for (int f = 0; f < frames; f++) {
            if (plan.role(f).isCondition()) {
                levels[f] = inputLevel(plan.role(f), sigma[f]);
            }
        }
        INDArray input = modelInput(x, sigma, source);
        int prompts = plan.prompts().size();
        List<Prompt> texts = new ArrayList<>();
        for (int p = 0; p < prompts; p++) {
            texts.add(settings.prompt(p));
        }
        boolean guide = guidance != 1;
        if (guide) {
            texts.add(settings.negativePrompt());
        }
        long[] shape = shape(frames);
        List<INDArray> out;
        try {
            // Wan2.2: the high-noise expert (transformer) until the row's timestep falls below the boundary,
            // then the low-noise expert (transformer_2), as diffusers WanPipeline and wan/text2video.py switch
            VelocityModel expert = row >= lowNoiseFrom ? lowNoise : model;
            out = expert.velocities(input.reshape(shape), levels, plan.windowStart(row), plan.windowEnd(row), texts);
        } catch (IllegalArgumentException e) {
            // conditioning the model cannot use (a prompt embeddings file that is missing or malformed)
            throw new SamplingException("row " + row + ": " + e.getMessage());
        }
        INDArray cond;
        INDArray condOwner;
        if (prompts == 1) {
            cond = out.get(0).reshape(frames, x.size(1));
            condOwner = out.get(0);
        } else {
            FrameCombination blend = null;
            for (int p = 0; p < prompts; p++) {
                double[] w = new double[frames];
                for (int f = 0; f < frames; f++) {
                    w[f] = plan.promptWeight(f, p);
                }
                INDArray v = out.get(p).reshape(frames, x.size(1));
                blend = blend == null ? FrameCombination.of(w, v) : blend.plus(w, v);
            }
            cond = blend.array();
            condOwner = cond;
            for (int p = 0; p < prompts; p++) {
                out.get(p).close();
            }
        }
        if (!guide) {
            return new Evaluation(input, levels, cond, cond, null);
        }
        INDArray negative = out.get(prompts).reshape(frames, x.size(1));
        INDArray guided = guided(negative, cond, guidance);
        out.get(prompts).close();
        return new Evaluation(input, levels, cond, guided, condOwner);
    }

    /**
     * Classifier-free guidance, negative + g·(cond − negative), in that order of float operations
     * (diffusers' pipelines), in one pass in Java rather than three ND4J operations (see
     * {@link FrameCombination}).
     */
    private static INDArray guided(INDArray negative, INDArray cond, double guidance) {
        float[] a = DenseFloats.read(negative);
        float[] b = DenseFloats.read(cond);
        int length = a.length;
        float g = (float) guidance;
        for (int i = 0; i < length; i++) {
            a[i] += (b[i] - a[i]) * g;
        }
        return Nd4j.create(a, negative.shape(), DataType.FLOAT);
    }

    private long[] shape(int frames) {
        long[] frame = model.frameShape();
        return new long[] {frames, frame[0], frame[1], frame[2]};
    }

    private static void checkFinite(int row, INDArray v, boolean[] seen) {
        FrameRows rows = new FrameRows(v);
        for (int f = 0; f < rows.rows(); f++) {
            float bad = seen[f] ? rows.firstNonFinite(f) : 0;
            if (bad != 0) {
                throw new SamplingException("row " + row + ", frame " + f + ": the model returned "
                        + (Float.isNaN(bad) ? "NaN" : "an infinite value") + "; the run stopped");
            }
        }
    }

    private static boolean[] and(boolean[] a, boolean[] b) {
        boolean[] c = new boolean[a.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = a[i] && b[i];
        }
        return c;
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
