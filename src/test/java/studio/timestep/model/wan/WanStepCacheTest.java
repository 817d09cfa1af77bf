package studio.timestep.model.wan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import studio.timestep.TestData;

/** The step caches on the golden Wan transformer: decisions from their formulas, skips that skip, threshold 0 that changes nothing. */
class WanStepCacheTest {
    private static final float[] STEPS = {999, 950, 900, 860, 830, 600};

    private static WanTransformer transformer() throws Exception {
        return new WanTransformer(WanWeights.open(TestData.wanGolden().resolve("tiny"), null, null));
    }

    private static INDArray latent(WanTransformer t) {
        Nd4j.getRandom().setSeed(11);
        return Nd4j.randn(DataType.FLOAT, t.config().inChannels(), 2, 8, 8);
    }

    private static WanPromptContext prompt(WanTransformer t) {
        Nd4j.getRandom().setSeed(12);
        return t.prompt(Nd4j.randn(DataType.FLOAT, 5, t.config().textDim()));
    }

    private static float[] scalar(WanTransformer t, INDArray latent, float value) {
        float[] ts = new float[(int) t.tokens(latent.size(1), latent.size(2), latent.size(3))];
        Arrays.fill(ts, value);
        return ts;
    }

    /** temb for one timestep, as the forward computes it, as a row of doubles. */
    private static double[] temb(WanTransformer t, float timestep) {
        WanWeights w = t.weights();
        return w.time2.apply(WanOps.silu(w.time1.apply(WanTransformer.sinusoidal(new float[] {timestep}, t.config().freqDim()))))
                .toDoubleVector();
    }

    @Test
    void teaCacheAccumulatesTheRelativeL1OfTheTimeEmbeddingAndSkipsBelowTheThreshold() throws Exception {
        WanTransformer t = transformer();
        INDArray x = latent(t);
        WanPromptContext p = prompt(t);
        double threshold = 2; // the golden weights are random: signals of about 1 between these steps
        WanTeaCache cache = new WanTeaCache(WanTeaCache.Coefficients.RAW, threshold, STEPS.length);
        List<Long> blocks = new ArrayList<>();
        for (float step : STEPS) {
            long before = t.blocksRun();
            t.forward(x, scalar(t, x, step), p, cache, 0);
            blocks.add(t.blocksRun() - before);
        }
        // worked out from teacache_generate.py: call 0 and the last compute; between, acc += rel L1 of e, skip while acc < threshold
        double acc = 0;
        for (int k = 0; k < STEPS.length; k++) {
            WanStepCache.Call call = cache.calls().get(k);
            boolean compute;
            if (k == 0) {
                compute = true;
                assertTrue(Double.isNaN(call.signal()));
            } else {
                double[] now = temb(t, STEPS[k]);
                double[] before = temb(t, STEPS[k - 1]);
                double num = 0;
                double den = 0;
                for (int i = 0; i < now.length; i++) {
                    num += Math.abs(now[i] - before[i]);
                    den += Math.abs(before[i]);
                }
                assertEquals(num / den, call.signal(), 1e-6 * num / den, "call " + k);
                if (k == STEPS.length - 1) {
                    compute = true;
                } else {
                    acc += num / den;
                    compute = acc >= threshold;
                    assertEquals(acc, call.accumulated(), 1e-6 * acc);
                }
                if (compute) {
                    acc = 0;
                }
            }
            assertEquals(compute, call.computed(), "call " + k + ": " + call);
            assertEquals(compute ? t.config().layers() : 0, blocks.get(k), "a skipped call runs no block");
        }
        assertTrue(cache.calls().stream().anyMatch(c -> !c.computed()), "the steps were chosen so that some call skips: " + cache.calls());
    }

    @Test
    void aSkippedCallAddsTheResidualOfItsBranchsLastComputedCall() throws Exception {
        WanTransformer t = transformer();
        INDArray x = latent(t);
        WanPromptContext p = prompt(t);
        WanTeaCache cache = new WanTeaCache(WanTeaCache.Coefficients.RAW, 10, 3);
        INDArray first = t.forward(x, scalar(t, x, 999), p, cache, 0);
        INDArray skipped = t.forward(x, scalar(t, x, 990), p, cache, 0);
        assertFalse(cache.calls().get(1).computed());
        // the blocks' residual at 999 on the same x: x's tokens + that residual, then the head at 990
        WanTransformer plain = transformer();
        INDArray again = plain.forward(x, scalar(plain, x, 999), p);
        assertArrayEquals(first.data().asFloat(), again.data().asFloat());
        assertFalse(Arrays.equals(skipped.data().asFloat(), first.data().asFloat()), "the head still sees the new timestep");
        assertTrue(cache.calls().get(0).branch() == 0 && cache.calls().get(1).index() == 1);
    }

    @Test
    void atThresholdZeroEveryCallComputesAndTheOutputsAreTheUncachedOnesBitForBit() throws Exception {
        WanTransformer t = transformer();
        INDArray x = latent(t);
        WanPromptContext p = prompt(t);
        for (WanStepCache cache : List.of(new WanTeaCache(WanTeaCache.Coefficients.RAW, 0, STEPS.length),
                new WanTeaCache(WanTeaCache.Coefficients.RAW_RET_STEPS, 0, STEPS.length))) {
            for (float step : STEPS) {
                for (int branch = 0; branch < 2; branch++) {
                    INDArray cached = t.forward(x, scalar(t, x, step), p, cache, branch);
                    INDArray plain = t.forward(x, scalar(t, x, step), p);
                    assertArrayEquals(plain.data().asFloat(), cached.data().asFloat());
                }
            }
            assertTrue(cache.calls().stream().allMatch(WanStepCache.Call::computed), cache.describe());
            assertEquals(2 * STEPS.length, cache.calls().size());
        }
    }

    @Test
    void firstBlockCacheRunsBlockZeroAlwaysAndTheRestOnlyAboveTheThreshold() throws Exception {
        WanTransformer t = transformer();
        INDArray x = latent(t);
        WanPromptContext p = prompt(t);
        WanFirstBlockCache cache = new WanFirstBlockCache(100);
        long before = t.blocksRun();
        t.forward(x, scalar(t, x, 999), p, cache, 0);
        assertEquals(t.config().layers(), t.blocksRun() - before, "the first call computes");
        before = t.blocksRun();
        t.forward(x, scalar(t, x, 990), p, cache, 0);
        assertEquals(1, t.blocksRun() - before, "a hit runs block 0 only");
        assertFalse(cache.calls().get(1).computed());
        before = t.blocksRun();
        t.forward(x, scalar(t, x, 990), p, new WanFirstBlockCache(0), 1);
        assertEquals(t.config().layers(), t.blocksRun() - before, "another cache, another branch: computes");
    }

    @Test
    void easyCacheComputesTenStepsAndTheLastThenReturnsTheInputPlusTheCachedChange() throws Exception {
        WanTransformer t = transformer();
        WanPromptContext p = prompt(t);
        int steps = 14;
        WanEasyCache cache = new WanEasyCache(100, steps);
        WanPromptContext negative = t.prompt(Nd4j.zeros(DataType.FLOAT, 5, t.config().textDim()));
        INDArray lastIn = null;
        INDArray lastOut = null;
        for (int k = 0; k < steps; k++) {
            Nd4j.getRandom().setSeed(100 + k);
            INDArray x = Nd4j.randn(DataType.FLOAT, t.config().inChannels(), 2, 8, 8);
            float step = 999 - 50 * k;
            long before = t.blocksRun();
            INDArray cond = t.forward(x, scalar(t, x, step), p, cache, 0);
            INDArray uncond = t.forward(x, scalar(t, x, step), negative, cache, 1);
            boolean computed = k < WanEasyCache.WARM_UP_STEPS || k == steps - 1;
            assertEquals(computed ? 2 * t.config().layers() : 0, t.blocksRun() - before, "step " + k);
            if (computed) {
                lastIn = x;
                lastOut = cond;
            } else {
                // the input plus the (output − input) of the last computed conditional call
                assertArrayEquals(x.add(lastOut.sub(lastIn)).data().asFloat(), cond.data().asFloat(), 1e-6f);
                assertFalse(Arrays.equals(cond.data().asFloat(), uncond.data().asFloat()), "each branch its own cached change");
            }
        }
        WanStepCache.Call first = cache.calls().get(2 * WanEasyCache.WARM_UP_STEPS);
        assertTrue(first.branch() == 0 && !first.computed() && first.signal() > 0, first.toString());
    }

    @Test
    void magCacheResamplesItsRatiosAsNearestInterpDoes() {
        double[] source = {1.0, 1.1, 1.2, 1.3, 1.4};
        assertArrayEquals(new double[] {1.0, 1.2, 1.4}, WanMagCache.nearestInterp(source, 3));
        assertArrayEquals(new double[] {1.0, 1.1, 1.3, 1.4}, WanMagCache.nearestInterp(source, 4));
        // numpy rounds half to even: indices 0, 0.5, 1, 1.5, 2 → 0, 0, 1, 2, 2
        assertArrayEquals(new double[] {7, 7, 8, 9, 9}, WanMagCache.nearestInterp(new double[] {7, 8, 9}, 5));
        assertArrayEquals(new double[] {1.4}, WanMagCache.nearestInterp(source, 1));
    }

    @Test
    void magCacheSkipsWhileTheAccumulatedRatioErrorStaysSmallAndAtMostKInARow() throws Exception {
        WanTransformer t = transformer();
        INDArray x = latent(t);
        WanPromptContext p = prompt(t);
        // conditional ratios 1, 0.99, 0.98, 0.97, 0.96, 0.95 (unconditional all 1); retention 0.2 of 12 calls: from call 2
        double[] interleaved = {1, 1, 0.99, 1, 0.98, 1, 0.97, 1, 0.96, 1, 0.95, 1};
        WanMagCache cache = new WanMagCache(interleaved, 0.05, 2, 0.2, 6);
        List<Boolean> computed = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            long before = t.blocksRun();
            t.forward(x, scalar(t, x, 999 - 100 * k), p, cache, 0);
            computed.add(t.blocksRun() - before > 0);
        }
        // k1: ratio 0.99, err 0.01 → skip; k2: 0.99·0.98 = 0.9702, err 0.0398 → skip; k3: steps 3 > K → compute, reset;
        // k4: ratio 0.96, err 0.04 → skip; k5: 0.96·0.95 = 0.912, err 0.04 + 0.088 → compute
        assertEquals(List.of(true, false, false, true, false, true), computed);
        assertEquals(0.01 + 0.0298, cache.calls().get(2).accumulated(), 1e-12);
        assertEquals(0.95, cache.calls().get(5).signal(), 0);
    }

    @Test
    void magCacheCalibrationPadsTheFirstCallAndInterleavesTheBranches() throws Exception {
        WanTransformer t = transformer();
        INDArray x = latent(t);
        WanPromptContext p = prompt(t);
        WanMagCache.Calibration calibration = new WanMagCache.Calibration();
        for (int k = 0; k < 3; k++) {
            for (int branch = 0; branch < 2; branch++) {
                t.forward(x, scalar(t, x, 999 - 300 * k), p, calibration, branch);
            }
        }
        double[] ratios = calibration.magRatios();
        assertEquals(6, ratios.length);
        assertEquals(1.0, ratios[0]);
        assertEquals(1.0, ratios[1]);
        assertEquals(ratios[2], ratios[3], 1e-6, "the same prompt on both branches: the same ratios");
        assertTrue(ratios[2] > 0 && ratios[2] != 1, Arrays.toString(ratios));
    }

    @Test
    void theSignalOfPerFrameTimestepsIsTheMeanOverTokens() {
        double[][] a = {{1, 2}, {3, 5}};
        double[][] b = {{1, 1}};
        WanTransformer.TimestepRuns aRuns = WanTransformer.TimestepRuns.of(new float[] {7, 7, 9});
        WanTransformer.TimestepRuns bRuns = WanTransformer.TimestepRuns.of(new float[] {4, 4, 4});
        // tokens: |(1,2)−(1,1)|·2 + |(3,5)−(1,1)| = 2 + 6 = 8 over |(1,1)|·3 = 6
        assertEquals(8.0 / 6, WanTimeEmbedding.relativeL1(a, aRuns, b, bRuns), 1e-12);
    }
}
