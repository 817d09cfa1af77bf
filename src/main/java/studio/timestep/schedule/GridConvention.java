package studio.timestep.schedule;

import java.util.Arrays;
import studio.timestep.param.NamedOption;

/**
 * How a library turns a shift curve and a step count into sigmas and timesteps (diffusers schedulers/scheduling_flow_match_euler_discrete.py and
 * scheduling_unipc_multistep.py, Wan2.1 wan/utils/fm_solvers_unipc.py, ComfyUI "simple").
 * All four give N+1 sigmas ending in 0 and N timesteps; they differ in the base grid u.
 */
public enum GridConvention implements NamedOption {
    /**
     * u = linspace(1, 0, N+1)[:-1], σ = g(u), t = 1000σ. diffusers HunyuanVideo (passes these
     * sigmas to FlowMatchEuler), Wan official dpm++ ({@code get_sampling_sigmas}), ComfyUI "simple".
     */
    EULER_SIGMAS("euler-sigmas", "u = linspace(1, 0, N+1)[:-1]; σ = g(u); t = 1000·σ") {
        @Override
        SigmaGrid grid(ShiftCurve g, int steps) {
            double[] u = Arrays.copyOf(NumpyLinspace.of(1.0, 0.0, steps + 1), steps);
            return SigmaGrid.withScaledTimesteps(shiftedWithZero(g, u));
        }
    },
    /**
     * diffusers {@code FlowMatchEulerDiscreteScheduler(shift=s).set_timesteps(N)}: the constructor
     * already shifted the training sigmas, so σ_min = g(0.001); u = linspace(1, σ_min, N);
     * σ = g(u): the last level is shifted twice.
     */
    DIFFUSERS_EULER("diffusers-euler", "σ_min = g(0.001); u = linspace(1, σ_min, N); σ = g(u); t = 1000·σ") {
        @Override
        SigmaGrid grid(ShiftCurve g, int steps) {
            double sigmaMin = g.shiftsTrainingSigmas() ? g.apply(0.001) : 0.001;
            double[] u = NumpyLinspace.of(1.0, sigmaMin, steps);
            return SigmaGrid.withScaledTimesteps(shiftedWithZero(g, u));
        }
    },
    /**
     * Official Wan2.1 FlowUniPC: sigma_max = 1 - 0.001; u = linspace(0.999, 0, N+1)[:-1];
     * σ = g(u); timesteps = int64(1000σ).
     */
    WAN_UNIPC("wan-unipc", "u = linspace(0.999, 0, N+1)[:-1]; σ = g(u); t = ⌊1000·σ⌋") {
        @Override
        SigmaGrid grid(ShiftCurve g, int steps) {
            double[] u = Arrays.copyOf(NumpyLinspace.of(1.0 - 0.001, 0.0, steps + 1), steps);
            return flooredTimesteps(shiftedWithZero(g, u));
        }
    },
    /**
     * diffusers UniPCMultistepScheduler(use_flow_sigmas=True, flow_shift=s), final sigma "zero":
     * u = flip(1 - linspace(1, 0.001, N+1))[:-1]; σ = g(u); timesteps = int64(1000σ).
     */
    DIFFUSERS_UNIPC("diffusers-unipc", "u = flip(1 - linspace(1, 0.001, N+1))[:-1]; σ = g(u); t = ⌊1000·σ⌋") {
        @Override
        SigmaGrid grid(ShiftCurve g, int steps) {
            double[] alphas = NumpyLinspace.of(1.0, 1.0 / 1000, steps + 1);
            double[] u = new double[steps];
            for (int i = 0; i < steps; i++) {
                u[i] = 1.0 - alphas[steps - i];
            }
            return flooredTimesteps(shiftedWithZero(g, u));
        }
    };

    private final String id;
    private final String formula;

    GridConvention(String id, String formula) {
        this.id = id;
        this.formula = formula;
    }

    abstract SigmaGrid grid(ShiftCurve g, int steps);

    /** The name used on the command line and in files. */
    @Override
    public String id() {
        return id;
    }

    /** One line saying how the grid is computed, for tooltips. */
    public String formula() {
        return formula;
    }

    @Override
    public String toString() {
        return id;
    }

    public static GridConvention fromId(String id) {
        return NamedOption.parse(GridConvention.class, "convention", id);
    }

    private static double[] shiftedWithZero(ShiftCurve g, double[] u) {
        double[] sigmas = new double[u.length + 1];
        for (int i = 0; i < u.length; i++) {
            sigmas[i] = g.apply(u[i]);
        }
        return sigmas;
    }

    private static SigmaGrid flooredTimesteps(double[] sigmas) {
        double[] t = new double[sigmas.length - 1];
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.floor(1000.0 * sigmas[i]);
        }
        return new SigmaGrid(sigmas, t);
    }
}
