package studio.timestep.run;

import java.nio.file.Path;
import java.util.Locale;
import studio.timestep.model.MovingShapeClips;
import studio.timestep.model.Prompt;
import studio.timestep.model.PromptKind;
import studio.timestep.model.wan.WanPipelineFolder;
import studio.timestep.model.wan.WanVideoSize;
import studio.timestep.param.ParameterRange;

/**
 * Where a run's model comes from, and how a video's frame count becomes the plan's: the
 * embedded clip model samples video frames, Wan samples latent frames (1 + (F−1)/4).
 */
public sealed interface ModelSource {
    /** Wan2.1 at 720p, 81 frames: 21 × 45 × 80 tokens. */
    long MAX_WAN_TOKENS = 75_600;

    /** The conditioning the model takes. */
    PromptKind promptKind();

    /** Whether a prompt of this kind can be run: its own kind (a Wan pipeline with a text encoder also takes embeddings files). */
    default boolean accepts(Prompt prompt) {
        return prompt.kind() == promptKind();
    }

    /** Frames of the plan for a video of {@code videoFrames} frames. */
    int planFrames(int videoFrames);

    /** Video frames a plan of {@code planFrames} frames makes. */
    int videoFrames(int planFrames);

    /** What the model is, in a run's label. */
    String label();

    /**
     * Refuses, before any work, a plan size this machine cannot run in reasonable time or memory,
     * with what it would take.
     */
    void checkSize(int planFrames);

    /** A model over the clips' RGB pixels: caption prompts, one plan frame per video frame. */
    sealed interface ClipPixels extends ModelSource {
        @Override
        default PromptKind promptKind() {
            return PromptKind.TEXT;
        }

        @Override
        default int planFrames(int videoFrames) {
            return videoFrames;
        }

        @Override
        default int videoFrames(int planFrames) {
            return planFrames;
        }
    }

    /**
     * The exact velocity of a clip collection: {@code clips} generated moving-shape clips of
     * {@code size}² pixels, or the clips of {@code folder} when it is given.
     */
    record EmbeddedClips(int clips, int size, Path folder) implements ClipPixels {
        public static final EmbeddedClips DEFAULT = new EmbeddedClips(MovingShapeClips.DEFAULT_CLIPS,
                MovingShapeClips.DEFAULT_SIZE, null);

        public EmbeddedClips {
            ParameterRange.closed("clips", 1, 100_000).checkInt(clips);
            ParameterRange.closed("size", 8, 256).checkInt(size);
        }

        @Override
        public String label() {
            return folder == null ? "clips" : "clips from " + folder.getFileName();
        }

        /** The same limit the collection's generator keeps, named before any training or sampling starts. */
        @Override
        public void checkSize(int planFrames) {
            long bytes = MovingShapeClips.bytes(clips, planFrames, size);
            if (bytes > MovingShapeClips.MAX_BYTES) {
                throw new RunException(String.format(Locale.ROOT, "frames: %d frames of %d clips at %d×%d need %.1f GiB for the "
                        + "clip collection; at most %.0f GiB (fewer frames, clips or a smaller size)", planFrames, clips, size,
                        size, bytes / 1073741824.0, MovingShapeClips.MAX_BYTES / 1073741824.0));
            }
        }
    }

    /**
     * A tiny Wan-architecture model over the clips' RGB pixels: the shipped one ({@code folder}
     * null) or a folder the train command wrote. Condition frames named clip:N come from the
     * embedded collection.
     */
    record TinyModel(Path folder) implements ClipPixels {
        public static final TinyModel SHIPPED = new TinyModel(null);

        @Override
        public String label() {
            return folder == null ? "tiny Wan" : "tiny Wan " + folder.getFileName();
        }

        /** The embedded collection is generated at the plan's frames for its clip:N sources. */
        @Override
        public void checkSize(int planFrames) {
            EmbeddedClips.DEFAULT.checkSize(planFrames);
        }
    }

    /** A diffusers Wan2.1 transformer folder (a weights {@code variant} such as bf16, or null) at a video size. */
    record WanFolder(Path dir, String variant, int width, int height) implements ModelSource {
        public WanFolder {
            new WanVideoSize(width, height, 1); // checks width and height before any work
        }

        /** Text when the folder is a pipeline with its tokenizer and text encoder; umT5 embeddings files otherwise. */
        @Override
        public PromptKind promptKind() {
            return WanPipelineFolder.hasText(dir) ? PromptKind.TEXT : PromptKind.EMBEDDINGS;
        }

        @Override
        public boolean accepts(Prompt prompt) {
            return prompt.kind() == PromptKind.EMBEDDINGS || promptKind() == PromptKind.TEXT;
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

        /** Tokens a model evaluation attends over: latent frames × (H/16) × (W/16) at patch 2. */
        @Override
        public void checkSize(int planFrames) {
            long tokens = (long) planFrames * (height / 16) * (width / 16);
            if (tokens > MAX_WAN_TOKENS) {
                throw new RunException("frames: " + size(planFrames).frames() + " frames at " + width + "×" + height + " are "
                        + tokens + " tokens a model evaluation; at most " + MAX_WAN_TOKENS + " (Wan2.1 720p, 81 frames) run "
                        + "here");
            }
        }
    }
}
