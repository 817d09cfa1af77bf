package studio.timestep.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import studio.timestep.param.ParameterRange;

/**
 * Every curve of every family, over the whole range its parameters allow (both ends and a
 * few hundred log-spread values between), under every convention and step counts from 1 to
 * 1000: the sigmas are finite, in [0, 1], never rising, and end at exactly 0; a shift curve's
 * grid starts at exactly 1 where its convention starts at u = 1.
 */
class SigmaGridPropertyTest {
    private static final int[] STEPS = {1, 2, 3, 10, 50, 1000};
    private static final int SAMPLES = 400;

    /** Both ends of the range and values spread over it (log-spread where it spans decades). */
    private static List<Double> across(ParameterRange r, Random random) {
        double lo = r.min() + (!r.minInclusive() ? Math.ulp(r.min()) * 4 + 1e-12 : 0);
        double hi = r.max() - (!r.maxInclusive() ? 1e-12 : 0);
        List<Double> v = new ArrayList<>(List.of(lo, hi));
        boolean log = lo > 0 && hi / lo > 100;
        for (int i = 0; i < SAMPLES; i++) {
            double t = random.nextDouble();
            v.add(log ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo));
        }
        return v;
    }

    private static void check(StepSchedule s, String what) {
        for (GridConvention c : GridConvention.values()) {
            for (int n : STEPS) {
                if (s.fixedSteps().isPresent() && s.fixedSteps().getAsInt() != n) {
                    continue;
                }
                SigmaGrid g;
                try {
                    g = s.sigmaGrid(n, c);
                } catch (IllegalArgumentException e) {
                    continue; // a schedule may refuse a step count with a message (linear-quadratic's linear steps)
                }
                double[] sigma = g.sigmas();
                for (int i = 0; i < sigma.length; i++) {
                    if (!(sigma[i] >= 0 && sigma[i] <= 1) || i > 0 && sigma[i] > sigma[i - 1]) {
                        fail(what + " " + c.id() + " " + n + " steps: σ[" + i + "] = " + sigma[i]
                                + (i > 0 ? " after " + sigma[i - 1] : ""));
                    }
                }
                assertEquals(0, sigma[n], what + " " + c.id() + " ends at exactly 0");
                if (s instanceof ShiftCurve && c == GridConvention.EULER_SIGMAS) {
                    assertEquals(1, sigma[0], what + " starts at exactly 1 under euler-sigmas");
                }
                for (int i = 0; i < n; i++) {
                    assertTrue(Double.isFinite(g.timestep(i)), what + " timestep " + i);
                }
            }
        }
    }

    @Test
    void flowShiftAndLorentzOverTheirWholeRange() {
        Random random = new Random(1);
        for (double s : across(FlowShiftCurve.SHIFT, random)) {
            check(new FlowShiftCurve(s), "flow shift " + s);
        }
        for (double s : across(LorentzShiftCurve.SHIFT, random)) {
            check(new LorentzShiftCurve(s), "Lorentz " + s);
        }
    }

    @Test
    void dynamicShiftOverItsWholeRange() {
        Random random = new Random(2);
        for (double mu : across(DynamicShiftCurve.EXPONENTIAL_MU, random)) {
            check(DynamicShiftCurve.ofMu(mu, TimeShift.EXPONENTIAL), "dynamic exponential μ " + mu);
        }
        for (double mu : across(DynamicShiftCurve.LINEAR_MU, random)) {
            check(DynamicShiftCurve.ofMu(mu, TimeShift.LINEAR), "dynamic linear μ " + mu);
        }
    }

    @Test
    void everyCdfOverSteepnessAndCentre() {
        Random random = new Random(3);
        List<Double> ks = across(CdfShiftCurve.K, random);
        List<Double> centres = across(CdfShiftCurve.CENTER, random);
        for (CdfFamily f : CdfFamily.values()) {
            for (int i = 0; i < ks.size(); i += 7) {
                check(new CdfShiftCurve(f, ks.get(i), centres.get(i)), f.id() + " k " + ks.get(i) + " c " + centres.get(i));
            }
        }
    }

    @Test
    void linearQuadraticDrawnAndManual() {
        Random random = new Random(4);
        for (double t : across(LinearQuadraticSchedule.THRESHOLD, random).subList(0, 200)) {
            check(new LinearQuadraticSchedule(t, 0), "linear-quadratic θ " + t);
        }
        for (int trial = 0; trial < 300; trial++) {
            List<double[]> points = new ArrayList<>();
            double x = 0;
            double y = 0;
            for (int k = 0; k < 1 + random.nextInt(6); k++) {
                x += (1 - x) * (0.05 + 0.9 * random.nextDouble());
                y += (1 - y) * random.nextDouble();
                if (x < 1 - DrawnShiftCurve.MIN_GAP) {
                    points.add(new double[] {x, y});
                }
            }
            check(DrawnShiftCurve.through(points), "drawn " + points.size());
            double[] sigmas = new double[2 + random.nextInt(30)];
            sigmas[0] = random.nextDouble() * 0.999 + 0.001;
            for (int i = 1; i < sigmas.length - 1; i++) {
                sigmas[i] = sigmas[i - 1] * random.nextDouble();
            }
            check(new ManualSchedule(sigmas), "manual " + sigmas.length);
        }
    }
}
