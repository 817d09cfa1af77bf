package studio.timestep.schedule;

import java.util.Arrays;

/**
 * The sigmas and timesteps a sampler walks through: {@code steps + 1} sigmas from the first
 * level down to 0 and one timestep per step (what the model is given at that step).
 */
public final class SigmaGrid {
    private final double[] sigmas;
    private final double[] timesteps;

    public SigmaGrid(double[] sigmas, double[] timesteps) {
        if (sigmas.length < 2 || timesteps.length != sigmas.length - 1) {
            throw new IllegalArgumentException("a grid of N steps has N+1 sigmas and N timesteps; got "
                    + sigmas.length + " sigmas and " + timesteps.length + " timesteps");
        }
        this.sigmas = sigmas.clone();
        this.timesteps = timesteps.clone();
    }

    /** A grid whose timesteps are {@code 1000·σ} of each step's starting sigma. */
    public static SigmaGrid withScaledTimesteps(double[] sigmas) {
        double[] t = new double[sigmas.length - 1];
        for (int i = 0; i < t.length; i++) {
            t[i] = 1000.0 * sigmas[i];
        }
        return new SigmaGrid(sigmas, t);
    }

    public int steps() {
        return timesteps.length;
    }

    public double sigma(int i) {
        return sigmas[i];
    }

    public double timestep(int i) {
        return timesteps[i];
    }

    public double[] sigmas() {
        return sigmas.clone();
    }

    public double[] timesteps() {
        return timesteps.clone();
    }

    /** Δσ of step i: how far the level falls in that step (positive for a falling schedule). */
    public double stepSize(int i) {
        return sigmas[i] - sigmas[i + 1];
    }

    public double[] stepSizes() {
        double[] d = new double[steps()];
        for (int i = 0; i < d.length; i++) {
            d[i] = stepSize(i);
        }
        return d;
    }

    /** {@code 1000 - timestep} per step: time running left to right, as the seeds plot it. */
    public double[] reversedTimesteps() {
        double[] r = new double[steps()];
        for (int i = 0; i < r.length; i++) {
            r[i] = 1000.0 - timesteps[i];
        }
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigmaGrid g && Arrays.equals(sigmas, g.sigmas) && Arrays.equals(timesteps, g.timesteps);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sigmas) + Arrays.hashCode(timesteps);
    }

    @Override
    public String toString() {
        return "SigmaGrid" + Arrays.toString(sigmas);
    }
}
