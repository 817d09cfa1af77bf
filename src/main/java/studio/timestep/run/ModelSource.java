package studio.timestep.run;

import java.nio.file.Path;
import studio.timestep.model.MovingShapeClips;
import studio.timestep.model.PromptKind;
import studio.timestep.model.wan.WanVideoSize;
import studio.timestep.param.ParameterRange;

/**
 * Where a run's model comes from, and how a video's frame count becomes the plan's: the
 * embedded clip model samples video frames, Wan samples latent frames (1 + (F−1)/4).
 */
public sealed interface ModelSource {
    /** The conditioning the model takes. */
    PromptKind promptKind();

    /** Frames of the plan for a video of {@code videoFrames} frames. */
    int planFrames(int videoFrames);

    /** Video frames a plan of {@code planFrames} frames makes. */
    int videoFrames(int planFrames);

    /** What the model is, in a run's label. */
    String label();

    /**
     * The exact velocity of a clip collection: {@code clips} generated moving-shape clips of
     * {@code size}² pixels, or the clips of {@code folder} when it is given.
     */
    record EmbeddedClips(int clips, int size, Path folder) implements ModelSource {
        public static final EmbeddedClips DEFAULT = new EmbeddedClips(MovingShapeClips.DEFAULT_CLIPS,
                MovingShapeClips.DEFAULT_SIZE, null);

        public EmbeddedClips {
            ParameterRange.closed("clips", 1, 100_000).checkInt(clips);
            ParameterRange.closed("size", 8, 256).checkInt(size);
        }

        @Override
        public PromptKind promptKind() {
            return PromptKind.TEXT;
        }

        @Override
        public int planFrames(int videoFrames) {
            return videoFrames;
        }

        @Override
        public int videoFrames(int planFrames) {
            return planFrames;
        }

        @Override
        public String label() {
            return folder == null ? "clips" : "clips from " + folder.getFileName();
        }
    }

    /** A diffusers Wan2.1 transformer folder (a weights {@code variant} such as bf16, or null) at a video size. */
    record WanFolder(Path dir, String variant, int width, int height) implements ModelSource {
        public WanFolder {
            new WanVideoSize(width, height, 1); // checks width and height before any work
        }

        @Override
        public PromptKind promptKind() {
            return PromptKind.EMBEDDINGS;
        }

        @Override
        public int planFrames(int videoFrames) {
            return new WanVideoSize(width, height, videoFrames).latentFrames();
        }

        @Override
        public int videoFrames(int planFrames) {
            return size(planFrames).frames();
        }

        /** The video a plan of {@code latentFrames} frames samples. */
        public WanVideoSize size(int latentFrames) {
            return WanVideoSize.ofLatentFrames(width, height, latentFrames);
        }

        @Override
        public String label() {
            return "Wan " + dir.getFileName() + (variant == null ? "" : " " + variant) + " " + width + "×" + height;
        }
    }
}
