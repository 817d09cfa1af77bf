package studio.timestep.model.wan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vectorisable exp against Math.exp, at its clamps and with NaN. */
class VectorExpTest {
    @Test
    void agreesWithMathExpWithinTwoUlpOverTheNormalRange() {
        int n = 200_001;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            // evenly over the range, so every k and both ends of every f interval are met
            x[i] = VectorExp.MIN_ARGUMENT + (VectorExp.MAX_ARGUMENT - VectorExp.MIN_ARGUMENT) * i / (n - 1);
        }
        x[n / 2] = 0;
        x[n / 2 + 1] = 1e-30f;
        x[n / 2 + 2] = -1e-30f;
        float[] out = new float[n];
        VectorExp.exp(x, 0, out, new float[n], n);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double exact = Math.exp(x[i]);
            worst = Math.max(worst, Math.abs(out[i] - exact) / exact);
        }
        assertTrue(worst < 2.4e-7, "largest relative error " + worst);
        assertEquals(1f, out[n / 2]);
    }

    @Test
    void subtractsTheShiftAndWritesInPlace() {
        Random random = new Random(3);
        float[] x = new float[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 * (float) random.nextGaussian();
        }
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = (float) Math.exp(x[i] - 4.5f);
        }
        VectorExp.exp(x, 4.5f, x, new float[x.length], x.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], x[i], 2.4e-7 * expected[i], "at " + i);
        }
    }

    @Test
    void clampsToNormalFloatsAndKeepsNaN() {
        float[] x = {-1000, -100, Float.NEGATIVE_INFINITY, 100, Float.POSITIVE_INFINITY, Float.NaN, -3};
        float[] out = new float[x.length];
        VectorExp.exp(x, 0, out, new float[x.length], x.length);
        float smallest = (float) Math.exp(VectorExp.MIN_ARGUMENT);
        float largest = (float) Math.exp(VectorExp.MAX_ARGUMENT);
        assertTrue(smallest >= Float.MIN_NORMAL && smallest < 1.0001 * Float.MIN_NORMAL, "smallest " + smallest);
        for (int i = 0; i < 3; i++) {
            assertEquals(smallest, out[i], 2.4e-7 * smallest, "x " + x[i]);
        }
        for (int i = 3; i < 5; i++) {
            assertEquals(largest, out[i], 2.4e-7 * largest, "x " + x[i]);
            assertTrue(Float.isFinite(out[i]));
        }
        assertTrue(Float.isNaN(out[5]));
        assertEquals((float) Math.exp(-3), out[6], 1e-7 * out[6]);
    }
}
