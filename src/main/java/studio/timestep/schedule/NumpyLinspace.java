package studio.timestep.schedule;

/**
 * {@code numpy.linspace(start, stop, num)} computed the way numpy computes it
 * ({@code i * ((stop - start) / (num - 1)) + start}, last point set to {@code stop}), so that
 * grids match the libraries' bit for bit and floor() of timesteps lands on the same integer.
 */
final class NumpyLinspace {
    private NumpyLinspace() {
    }

    static double[] of(double start, double stop, int num) {
        double[] y = new double[num];
        if (num == 1) {
            y[0] = start;
            return y;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }
}
