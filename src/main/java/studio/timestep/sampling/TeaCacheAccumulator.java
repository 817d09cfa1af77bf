package studio.timestep.sampling;

/**
 * TeaCache's decision, replayed: the rescaled relative L1 of the model input accumulates; a row
 * whose sum stays under the threshold would reuse the cached residual (skip the model), otherwise
 * it is computed and the sum resets. The first and last rows are always computed.
 */
final class TeaCacheAccumulator {
    private final TeaCachePolynomial polynomial;
    private final double threshold;
    private double accumulated;

    TeaCacheAccumulator(TeaCachePolynomial polynomial, double threshold) {
        this.polynomial = polynomial;
        this.threshold = threshold;
    }

    /** Returns whether the row would be skipped; {@link #accumulated()} is the sum after it. */
    boolean skip(int row, int rows, double relativeL1) {
        if (row == 0 || row == rows - 1 || Double.isNaN(relativeL1)) {
            accumulated = 0;
            return false;
        }
        accumulated += polynomial.apply(relativeL1);
        if (accumulated < threshold) {
            return true;
        }
        accumulated = 0;
        return false;
    }

    double accumulated() {
        return accumulated;
    }
}
