package studio.timestep.train;

import java.util.Arrays;
import java.util.Random;

/**
 * The noise level of every frame of a training clip, drawn so that each template of the Plan tab
 * is in the training distribution:
 * <ul>
 * <li>synchronous (35 %): one σ for all frames — text-to-video, every shift and step count;</li>
 * <li>independent (25 %): a σ per frame — Diffusion Forcing (Chen et al. 2024) and FVDM's
 * vectorized timesteps (Liu et al. 2024), so arbitrary per-frame plans are seen;</li>
 * <li>rising (15 %): independent σ sorted so later frames are noisier — FIFO-Diffusion's queue and
 * the diffusion-forcing pyramid;</li>
 * <li>conditioned (25 %): one σ for the generated frames and clean frames at σ = 0 — a prefix
 * (image-to-video, a long video's overlap), a suffix, or both ends (interpolation, loops).</li>
 * </ul>
 * Each σ is logit-normal (sigmoid of a standard normal), the sampler Esser et al. (2024, SD3,
 * §3.1) found best for rectified flow: it favours the middle levels, where the velocity is
 * hardest to predict, and still covers both ends. Condition frames carry no loss: their target
 * ε − x0 at σ = 0 is the unpredictable noise.
 */
final class NoiseLevels {
    private NoiseLevels() {
    }

    static double logitNormal(Random random) {
        return 1 / (1 + Math.exp(-random.nextGaussian()));
    }

    /** σ per frame; a frame at exactly 0 is a condition frame. */
    static double[] draw(int frames, Random random) {
        double[] sigma = new double[frames];
        double mode = random.nextDouble();
        if (mode < 0.35) {
            Arrays.fill(sigma, logitNormal(random));
        } else if (mode < 0.75) {
            for (int f = 0; f < frames; f++) {
                sigma[f] = logitNormal(random);
            }
            if (mode >= 0.60) {
                Arrays.sort(sigma);
            }
        } else {
            Arrays.fill(sigma, logitNormal(random));
            int clean = 1 + random.nextInt(Math.max(1, Math.min(4, frames / 2)));
            double ends = random.nextDouble();
            boolean prefix = ends < 0.8;
            boolean suffix = ends >= 0.5;
            for (int k = 0; k < clean && k < frames - 1; k++) {
                if (prefix) {
                    sigma[k] = 0;
                }
                if (suffix) {
                    sigma[frames - 1 - k] = 0;
                }
            }
        }
        return sigma;
    }
}
