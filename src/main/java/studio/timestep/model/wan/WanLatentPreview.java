package studio.timestep.model.wan;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import studio.timestep.model.FramePreview;

/**
 * The Wan2.1 latent → RGB preview (ComfyUI comfy/latent_formats.py, class Wan21): each
 * latent pixel's 16 channels times a fixed 16×3 matrix plus a bias, clamped to [−1, 1]. A
 * projection for watching a run, not a VAE decode.
 */
public final class WanLatentPreview implements FramePreview {
    public static final WanLatentPreview INSTANCE = new WanLatentPreview();

    static final float[][] FACTORS = {
            {-0.1299f, -0.1692f, 0.2932f}, {0.0671f, 0.0406f, 0.0442f}, {0.3568f, 0.2548f, 0.1747f},
            {0.0372f, 0.2344f, 0.1420f}, {0.0313f, 0.0189f, -0.0328f}, {0.0296f, -0.0956f, -0.0665f},
            {-0.3477f, -0.4059f, -0.2925f}, {0.0166f, 0.1902f, 0.1975f}, {-0.0412f, 0.0267f, -0.1364f},
            {-0.1293f, 0.0740f, 0.1636f}, {0.0680f, 0.3019f, 0.1128f}, {0.0032f, 0.0581f, 0.0639f},
            {-0.1251f, 0.0927f, 0.1699f}, {0.0060f, -0.0633f, 0.0005f}, {0.3477f, 0.2275f, 0.2950f},
            {0.1984f, 0.0913f, 0.1861f}};
    static final float[] BIAS = {-0.1835f, -0.0868f, -0.3360f};

    private WanLatentPreview() {
    }

    /**
     * Latent frames [F, 16, h, w] → RGB [F, 3, h, w] in [−1, 1]. A model with other than 16
     * channels (the small test configurations) has no published projection: its first three
     * channels are shown as red, green and blue.
     */
    @Override
    public INDArray rgb(INDArray latent) {
        long f = latent.size(0);
        long c = latent.size(1);
        long h = latent.size(2);
        long w = latent.size(3);
        INDArray factors;
        INDArray bias;
        if (c == FACTORS.length) {
            factors = Nd4j.createFromArray(FACTORS);
            bias = Nd4j.createFromArray(BIAS);
        } else {
            factors = Nd4j.zeros(DataType.FLOAT, c, 3);
            for (int k = 0; k < 3; k++) {
                factors.putScalar(Math.min(k, c - 1), k, 1);
            }
            bias = Nd4j.zeros(DataType.FLOAT, 3);
        }
        INDArray pixels = latent.castTo(DataType.FLOAT).permute(0, 2, 3, 1).dup('c').reshape(f * h * w, c)
                .mmul(factors).addiRowVector(bias);
        pixels = Transforms.max(pixels, -1, false);
        pixels = Transforms.min(pixels, 1, false);
        return pixels.reshape(f, h, w, 3).permute(0, 3, 1, 2).dup('c');
    }

    /** A projection, not a decode. */
    @Override
    public boolean approximate() {
        return true;
    }
}
