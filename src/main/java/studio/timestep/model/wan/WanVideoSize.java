package studio.timestep.model.wan;

import studio.timestep.param.InvalidParameterException;

/**
 * A video's pixel size and frame count and its Wan2.1 latent [16, 1 + (F−1)/4, H/8, W/8]
 * (the VAE compresses time by 4 after the first frame and space by 8; patches of 2 need H and W
 * to be multiples of 16).
 */
public record WanVideoSize(int width, int height, int frames) {
    public WanVideoSize {
        if (width < 16 || width % 16 != 0) {
            throw new InvalidParameterException("width", "must be a positive multiple of 16, got " + width);
        }
        if (height < 16 || height % 16 != 0) {
            throw new InvalidParameterException("height", "must be a positive multiple of 16, got " + height);
        }
        if (frames < 1 || (frames - 1) % 4 != 0) {
            throw new InvalidParameterException("frames", "must be 4k + 1 (1, 5, 9, …, 81) for the Wan VAE, got " + frames);
        }
    }

    /** The video of {@code latentFrames} latent frames: 4·(f−1)+1 frames (the VAE's time compression). */
    public static WanVideoSize ofLatentFrames(int width, int height, int latentFrames) {
        return new WanVideoSize(width, height, 4 * (latentFrames - 1) + 1);
    }

    public int latentFrames() {
        return 1 + (frames - 1) / 4;
    }

    public int latentHeight() {
        return height / 8;
    }

    public int latentWidth() {
        return width / 8;
    }
}
