package studio.timestep.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import studio.timestep.model.ClipCollection;
import studio.timestep.model.MovingShapeClips;
import studio.timestep.model.Prompt;
import studio.timestep.model.VelocityModel;

/**
 * Measures of a clip model: its flow-matching loss at each noise level on a set of clips, and
 * what a sample looks like against the clips (nearest clip, colour of the shape, how smoothly
 * the shape moves).
 */
public final class ModelEvaluation {
    /** A pixel belongs to the shape when it differs from the clips' background by more than this (pixel values in [-1, 1]). */
    static final double SHAPE_THRESHOLD = 0.5;

    private ModelEvaluation() {
    }

    /**
     * Mean squared error of the predicted velocity against ε − x0 for the first {@code count}
     * clips, each conditioned on its caption, at synchronous levels σ (x_σ = (1−σ)·x0 + σ·ε;
     * the noise is seeded per clip and level, so two models see the same inputs).
     */
    public static double[] lossBySigma(VelocityModel model, ClipCollection clips, int count, double[] sigmas, long seed) {
        double[] loss = new double[sigmas.length];
        int frames = clips.frames();
        for (int s = 0; s < sigmas.length; s++) {
            double[] levels = new double[frames];
            Arrays.fill(levels, sigmas[s]);
            for (int i = 0; i < Math.min(count, clips.size()); i++) {
                Nd4j.getRandom().setSeed(seed + 7919L * s + i);
                INDArray x0 = clips.clip(i);
                INDArray eps = Nd4j.randn(DataType.FLOAT, x0.shape());
                INDArray x = x0.mul(1 - sigmas[s]).addi(eps.mul(sigmas[s]));
                INDArray v = model.velocities(x, levels, 0, frames, List.of(new Prompt.Text(clips.captions().get(i)))).get(0);
                INDArray error = v.sub(eps.subi(x0));
                loss[s] += error.mul(error).meanNumber().doubleValue();
            }
            loss[s] /= Math.min(count, clips.size());
        }
        return loss;
    }

    /**
     * What a sampled clip looks like: the RMS distance to the nearest training clip, the colour
     * name nearest the shape's mean colour, and the centroid path's mean |second difference| in
     * pixels per frame² (0 for uniform motion; a bounce adds one kink).
     */
    public record SampleMeasures(double nearestClipRms, int nearestClip, String colour, double centroidJerk,
                                 double shapeFraction) {
    }

    public static SampleMeasures measure(INDArray frames, ClipCollection training) {
        int f = (int) frames.size(0);
        int h = (int) frames.size(2);
        int w = (int) frames.size(3);
        INDArray video = frames.castTo(DataType.FLOAT).reshape(f, 3, h, w);
        INDArray meanSquare = Transforms.pow(training.clips().subRowVector(video.reshape(1, video.length())), 2, false).mean(1);
        int nearest = meanSquare.neg().argMax().getInt(0);
        // shape pixels: any channel further than the threshold from the background
        INDArray background = Nd4j.create(MovingShapeClips.background(), new long[] {3}, DataType.FLOAT);
        INDArray offBackground = Transforms.abs(Broadcast.sub(video, background, video.ulike(), 1), false);
        INDArray mask = offBackground.max(1).gt(SHAPE_THRESHOLD).castTo(DataType.FLOAT); // [f, h, w]
        double shapePixels = mask.sumNumber().doubleValue();
        INDArray shapeOnly = Broadcast.mul(video, mask, video.ulike(), 0, 2, 3);
        double[] colour = shapeOnly.sum(0, 2, 3).divi(Math.max(1, shapePixels)).toDoubleVector();
        // centroid per frame: Σ mask·x / Σ mask (columns x, rows y)
        double[] count = mask.sum(1, 2).toDoubleVector();
        double[] sumX = mask.sum(1).mmul(Nd4j.arange(w).castTo(DataType.FLOAT).reshape(w, 1)).toDoubleVector();
        double[] sumY = mask.sum(2).mmul(Nd4j.arange(h).castTo(DataType.FLOAT).reshape(h, 1)).toDoubleVector();
        List<double[]> centroids = new ArrayList<>();
        for (int k = 0; k < f; k++) {
            if (count[k] > 0) {
                centroids.add(new double[] {sumX[k] / count[k], sumY[k] / count[k]});
            }
        }
        double jerk = 0;
        for (int k = 1; k + 1 < centroids.size(); k++) {
            double[] a = centroids.get(k - 1);
            double[] b = centroids.get(k);
            double[] c = centroids.get(k + 1);
            jerk += Math.hypot(a[0] - 2 * b[0] + c[0], a[1] - 2 * b[1] + c[1]);
        }
        jerk /= Math.max(1, centroids.size() - 2);
        return new SampleMeasures(Math.sqrt(meanSquare.getDouble(nearest)), nearest,
                shapePixels == 0 ? "none" : MovingShapeClips.nearestColour(colour), jerk, shapePixels / ((double) f * h * w));
    }

    /** The longest run of consecutive rows whose value is below {@code floor}. */
    public static int longestRunBelow(double[] values, double floor) {
        int longest = 0;
        int run = 0;
        for (double v : values) {
            run = v < floor ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
