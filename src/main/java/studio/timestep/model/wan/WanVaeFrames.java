package studio.timestep.model.wan;

import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.io.FileFormatException;
import studio.timestep.model.FramePreview;

/** A Wan run's latent frames [T, z, h, w] as the pipeline's VAE decodes them: [1 + 4·(T − 1), 3, 8h, 8w] RGB in [−1, 1]. */
public final class WanVaeFrames implements FramePreview {
    private final WanVaeDecoder vae;

    public WanVaeFrames(WanVaeDecoder vae) {
        this.vae = vae;
    }

    @Override
    public INDArray rgb(INDArray frames) {
        try {
            return vae.decode(frames.permute(1, 0, 2, 3).dup('c'), true);
        } catch (FileFormatException e) {
            throw new IllegalArgumentException("VAE: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean approximate() {
        return false;
    }
}
