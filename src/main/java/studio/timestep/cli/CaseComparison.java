package studio.timestep.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One output of a golden case set against the port's: max |port − expected| and that over max |expected|, the goldens' measure. */
final class CaseComparison {
    static final double TOLERANCE = 1e-4;

    private CaseComparison() {
    }

    /**
     * Prints one line for {@code label} and returns whether it is within {@link #TOLERANCE}; an
     * expected tensor ({@code name}) of another size than the output is refused.
     */
    static boolean report(PrintWriter out, String label, String name, INDArray actual, INDArray expected, double millis) {
        if (actual.length() != expected.length()) {
            throw new UserInputException("--case: " + name + " has shape " + Arrays.toString(expected.shape())
                    + " but the model's output is " + Arrays.toString(actual.shape()));
        }
        double abs = actual.reshape(expected.shape()).sub(expected).amaxNumber().doubleValue();
        double rel = abs / expected.amaxNumber().doubleValue();
        boolean pass = rel <= TOLERANCE;
        out.printf(Locale.ROOT, "%-24s max abs error %.3e, relative %.3e  %s  (%.0f ms)%n", label, abs, rel, pass ? "ok" : "FAIL",
                millis);
        return pass;
    }
}
