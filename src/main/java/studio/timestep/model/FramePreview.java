package studio.timestep.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Shows frames of a model's space as pictures. */
public interface FramePreview {
    /** Pixel models: the frames are RGB in [-1, 1] already. */
    FramePreview PIXELS = new FramePreview() {
        @Override
        public INDArray rgb(INDArray frames) {
            return frames;
        }

        @Override
        public boolean approximate() {
            return false;
        }
    };

    /** Frames [F, C, H, W] in the model's space as RGB [F, 3, h, w] in [-1, 1]. */
    INDArray rgb(INDArray frames);

    /** Whether {@link #rgb} is an approximation (a latent projection) rather than the frames themselves. */
    boolean approximate();
}
