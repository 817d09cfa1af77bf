package studio.timestep.model.wan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.timestep.model.Poly1d;

class WanTeaCacheFitTest {
    @Test
    void aQuarticIsRecoveredHighestPowerFirstWithRSquaredOne() {
        // TeaCache's Wan2.1 T2V-1.3B polynomial, sampled where its signal lives
        Poly1d truth = WanTeaCache.Coefficients.T2V_1_3B.rescale().polynomial();
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
            double x = 0.01 + 0.005 * i;
            points.add(new double[] {x, truth.apply(x)});
        }
        WanTeaCacheFit.Result fit = WanTeaCacheFit.fit(points);
        double[] expected = {2.39676752e+03, -1.31110545e+03, 2.01331979e+02, -8.29855975e+00, 1.37887774e-01};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], fit.polynomial().coefficients()[i], 1e-6 * Math.abs(expected[0]), "coefficient " + i);
        }
        assertEquals(1, fit.r2(), 1e-9);
        assertEquals(41, fit.points());
    }

    @Test
    void noisyPointsGiveAnRSquaredBelowOneAndTooFewAreRefused() {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            double x = i / 50.0;
            points.add(new double[] {x, x + (i % 2 == 0 ? 0.05 : -0.05)});
        }
        double r2 = WanTeaCacheFit.fit(points).r2();
        assertTrue(r2 > 0.9 && r2 < 1, "r2 " + r2);
        assertThrows(IllegalArgumentException.class, () -> WanTeaCacheFit.fit(points.subList(0, 4)));
    }
}
