package studio.timestep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The exact clip model's velocities for two prompts at once, against the formula written per clip in
 * doubles — at a low level, where x̂0 is summed from the few clips that keep weight, and at a high
 * level, where it is one product over the whole collection.
 */
class AnalyticFlowModelTest {
    private static final ClipCollection CLIPS = MovingShapeClips.generate(32, 3, 8, 11);
    private static final AnalyticFlowModel MODEL = new AnalyticFlowModel(CLIPS);
    /** The same without the copies small collections keep for x̂0, reading the clips as large collections are read. */
    private static final AnalyticFlowModel WITHOUT_COPY = new AnalyticFlowModel(CLIPS, 0);
    /** The first clip's colour and shape ("red ball"), and no prompt. */
    private static final List<String> PROMPTS = List.of(String.join(" ",
            Arrays.copyOf(CLIPS.captions().get(0).split(" "), 2)), "");

    @Test
    void atALowLevelFewClipsKeepWeightAndTheVelocitiesFollowTheFormula() {
        checkAgainstFormula(WITHOUT_COPY, 0.1, 2);
        double[][] weights = checkAgainstFormula(MODEL, 0.1, 2);
        for (double[] w : weights) {
            assertTrue(kept(w) * 4 <= CLIPS.size(), "few clips keep weight at sigma 0.1: " + kept(w));
        }
        double apart = 0;
        for (int i = 0; i < CLIPS.size(); i++) {
            apart += Math.abs(weights[0][i] - weights[1][i]);
        }
        assertTrue(apart > 0.2, "the two prompts weigh the clips differently: " + apart);
    }

    @Test
    void atAHighLevelMostClipsKeepWeightAndTheVelocitiesFollowTheFormula() {
        for (AnalyticFlowModel model : List.of(MODEL, WITHOUT_COPY)) {
            double[][] weights = checkAgainstFormula(model, 0.95, 3);
            assertTrue(kept(weights[1]) * 4 > CLIPS.size(), "most clips keep weight at sigma 0.95: " + kept(weights[1]));
        }
    }

    @Test
    void theArraysKeptFromCallToCallCarryNothingOverAndAreNotReturned() {
        for (AnalyticFlowModel model : List.of(new AnalyticFlowModel(CLIPS), new AnalyticFlowModel(CLIPS, 0))) {
            List<Prompt> prompts = PROMPTS.stream().map(p -> (Prompt) new Prompt.Text(p)).toList();
            INDArray high = noisy(0.95, 5);
            INDArray low = noisy(0.1, 6);
            List<INDArray> first = model.velocities(high, levels(0.95), 0, CLIPS.frames(), prompts);
            float[][] firstValues = values(first);
            // another level takes the other path for x̂0 (a few rows kept against all rows) and other values
            float[][] between = values(model.velocities(low, levels(0.1), 0, CLIPS.frames(), prompts));
            float[][] again = values(model.velocities(high, levels(0.95), 0, CLIPS.frames(), prompts));
            for (int p = 0; p < prompts.size(); p++) {
                assertTrue(!Arrays.equals(firstValues[p], between[p]), "prompt " + p + ": the low level gives other values");
                assertTrue(Arrays.equals(firstValues[p], again[p]), "prompt " + p + ": the same call gives the same values");
                assertTrue(Arrays.equals(firstValues[p], values(first)[p]), "prompt " + p
                        + ": an earlier result is not overwritten by later calls");
            }
        }
    }

    private static INDArray noisy(double level, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return CLIPS.clips().getRow(0).reshape(CLIPS.frames(), CLIPS.frameSize()).mul(1 - level)
                .addi(Nd4j.randn(DataType.FLOAT, CLIPS.frames(), CLIPS.frameSize()).muli(level))
                .reshape(CLIPS.frames(), CLIPS.channels(), CLIPS.height(), CLIPS.width());
    }

    private static double[] levels(double level) {
        double[] sigmas = new double[CLIPS.frames()];
        Arrays.fill(sigmas, level);
        return sigmas;
    }

    private static float[][] values(List<INDArray> arrays) {
        float[][] out = new float[arrays.size()][];
        for (int p = 0; p < out.length; p++) {
            out[p] = arrays.get(p).dup().data().asFloat();
        }
        return out;
    }

    /** Compares both prompts' velocities with the per-clip formula; returns the posterior weights. */
    private static double[][] checkAgainstFormula(AnalyticFlowModel model, double level, long seed) {
        int frames = CLIPS.frames();
        long d = CLIPS.frameSize();
        // x halfway between the first clip and a clip of other words, plus noise: at a low level the
        // posterior sits on those two, split evenly without a prompt and by the prior with one
        Nd4j.getRandom().setSeed(seed);
        INDArray noise = Nd4j.randn(DataType.FLOAT, frames, d).muli(level < 0.5 ? 0 : level);
        INDArray between = CLIPS.clips().getRow(0).add(CLIPS.clips().getRow(nearestOtherClip())).muli(0.5);
        INDArray x = between.reshape(frames, d).muli(1 - level).addi(noise)
                .reshape(frames, CLIPS.channels(), CLIPS.height(), CLIPS.width());
        double[] sigmas = new double[frames];
        Arrays.fill(sigmas, level);
        List<INDArray> v = model.velocities(x, sigmas, 0, frames,
                PROMPTS.stream().map(p -> (Prompt) new Prompt.Text(p)).toList());
        float[] xs = x.reshape(frames * d).dup().data().asFloat();
        double[][] weights = new double[PROMPTS.size()][];
        for (int p = 0; p < PROMPTS.size(); p++) {
            double[] w = posterior(xs, level, PromptPrior.logPrior(PROMPTS.get(p), CLIPS.captions()));
            weights[p] = w;
            float[] got = v.get(p).reshape(frames * d).dup().data().asFloat();
            for (int k = 0; k < got.length; k += 7) {
                double x0 = 0;
                for (int i = 0; i < CLIPS.size(); i++) {
                    x0 += w[i] * CLIPS.clips().getDouble(i, k);
                }
                // compared as x̂0 = x − σ·v, to 5e-3: the evidence is summed in FLOAT (as numpy's anchor does), and
                // its terms of ~1e4, which cancel to the log weights, leave ~1e-2 in them: 1 % in the weights of
                // the two near-tied clips at a low level, which v's 1/σ would magnify tenfold
                assertEquals(x0, xs[k] - level * got[k], 5e-3, "prompt " + p + ", element " + k);
            }
        }
        return weights;
    }

    /** The clip nearest the first whose caption shares neither word of the prompt. */
    private static int nearestOtherClip() {
        String[] words = PROMPTS.get(0).split(" ");
        int nearest = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 1; i < CLIPS.size(); i++) {
            String caption = CLIPS.captions().get(i);
            double distance = CLIPS.clips().getRow(i).distance2(CLIPS.clips().getRow(0));
            if (!caption.contains(words[0]) && !caption.contains(words[1]) && distance < best) {
                nearest = i;
                best = distance;
            }
        }
        return nearest;
    }

    private static double[] posterior(float[] xs, double level, double[] logPrior) {
        double[] logw = new double[CLIPS.size()];
        for (int i = 0; i < CLIPS.size(); i++) {
            double sum = 0;
            for (int k = 0; k < xs.length; k++) {
                double diff = xs[k] - (1 - level) * CLIPS.clips().getDouble(i, k);
                sum += diff * diff / (2 * level * level);
            }
            logw[i] = logPrior[i] - sum;
        }
        double max = Arrays.stream(logw).max().orElseThrow();
        double total = Arrays.stream(logw).map(l -> Math.exp(l - max)).sum();
        return Arrays.stream(logw).map(l -> Math.exp(l - max) / total).toArray();
    }

    private static long kept(double[] weights) {
        return Arrays.stream(weights).filter(w -> w >= AnalyticFlowModel.NEGLIGIBLE_WEIGHT).count();
    }
}
