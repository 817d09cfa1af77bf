package studio.timestep.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import studio.timestep.model.LoadedModel;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.sampling.RowEvent;
import studio.timestep.sampling.SamplingException;
import studio.timestep.sampling.SamplingRun;

/**
 * Optimal step placement against a teacher (Optimal Stepsize for Diffusion Sampling, Pei et al.
 * 2025, "OSS"): run the teacher's K-step grid once, then choose by dynamic programming the N of
 * its K + 1 levels (from the first to the final 0) whose jumps best reproduce the teacher's
 * trajectory. A jump from level k to level j is an Euler step from the teacher's state at k with
 * the teacher's velocity there, x_k + (σ_j − σ_k)·v_k, and costs its squared distance to the
 * teacher's state at j relative to that state's size. This is the paper's local form (each jump
 * starts on the teacher's path), which needs no model evaluation beyond the teacher's K.
 */
public final class OptimalSteps {
    /** The chosen levels (N + 1 sigmas ending in 0), their indices in the teacher's grid, and the costs. */
    public record Result(double[] sigmas, int[] indices, double cost, double uniformCost, int teacherSteps) {
    }

    private OptimalSteps() {
    }

    /**
     * @param teacher a synchronous plan's request (every frame at the same level in every row)
     * @param steps the student's step count N, 1 … K
     */
    public static Result search(RunRequest teacher, int steps, RunModels models) {
        return search(teacher, steps, models, run -> { }, row -> { });
    }

    /**
     * The same, telling {@code started} of the teacher's run (so that it can be cancelled: a
     * cancelled teacher is a RunException) and {@code row} of each of its rows done.
     */
    public static Result search(RunRequest teacher, int steps, RunModels models, Consumer<SamplingRun> started,
                                IntConsumer row) {
        TimestepPlan plan = teacher.plan();
        int k = plan.rows();
        if (steps < 1 || steps > k) {
            throw new RunException("steps: the student takes 1 to " + k + " steps (the teacher's), got " + steps);
        }
        double[] sigma = new double[k + 1];
        for (int r = 0; r < k; r++) {
            sigma[r] = plan.sigma(r, 0);
            for (int f = 0; f < plan.frames(); f++) {
                if (plan.sigma(r, f) != sigma[r] || !plan.moves(r, f)) {
                    throw new RunException("plan: optimal steps need a synchronous plan (every frame at one level, all "
                            + "moving); row " + r + " is not");
                }
            }
        }
        sigma[k] = plan.next(k - 1, 0);
        LoadedModel model = models.model(teacher.model(), plan.frames());
        List<INDArray> states = new ArrayList<>();
        List<INDArray> velocities = new ArrayList<>();
        SamplingRun.Result result;
        try {
            SamplingRun run = new SamplingRun(plan, model, teacher.settings());
            started.accept(run);
            result = run.run((RowEvent e) -> {
                int r = e.metrics().row();
                states.add(e.input());
                velocities.add(e.input().sub(e.x0()).divi(sigma[r]));
                row.accept(r);
            });
        } catch (SamplingException e) {
            throw new RunException("teacher: " + e.getMessage(), e);
        }
        if (result.cancelled()) {
            throw new RunException("cancelled after " + result.rows().size() + " of the teacher's " + k + " rows");
        }
        states.add(result.x());
        double[][] cost = new double[k + 1][k + 1];
        for (int j = 1; j <= k; j++) {
            double size = Math.max(1e-12, states.get(j).norm2Number().doubleValue());
            for (int from = 0; from < j; from++) {
                INDArray jump = states.get(from).add(velocities.get(from).mul(sigma[j] - sigma[from]));
                double d = Transforms.pow(jump.subi(states.get(j)), 2, false).sumNumber().doubleValue();
                cost[from][j] = d / (size * size);
            }
        }
        return choose(sigma, cost, steps);
    }

    /** The dynamic programme: the cheapest path of N jumps from level 0 to level K. */
    static Result choose(double[] sigma, double[][] cost, int steps) {
        int k = sigma.length - 1;
        double[][] best = new double[steps + 1][k + 1];
        int[][] from = new int[steps + 1][k + 1];
        for (double[] row : best) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        best[0][0] = 0;
        for (int n = 1; n <= steps; n++) {
            for (int j = n; j <= k; j++) {
                for (int i = n - 1; i < j; i++) {
                    double c = best[n - 1][i] + cost[i][j];
                    if (c < best[n][j]) {
                        best[n][j] = c;
                        from[n][j] = i;
                    }
                }
            }
        }
        int[] indices = new int[steps + 1];
        indices[steps] = k;
        for (int n = steps; n > 0; n--) {
            indices[n - 1] = from[n][indices[n]];
        }
        double[] chosen = new double[steps + 1];
        for (int n = 0; n <= steps; n++) {
            chosen[n] = sigma[indices[n]];
        }
        double uniform = 0;
        for (int n = 0; n < steps; n++) {
            uniform += cost[(int) Math.round((double) n * k / steps)][(int) Math.round((double) (n + 1) * k / steps)];
        }
        return new Result(chosen, indices, best[steps][k], uniform, k);
    }
}
