package studio.timestep.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import studio.timestep.model.Prompt;
import studio.timestep.model.PromptKind;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.run.ModelSource;
import studio.timestep.sampling.ExpertGuidance;
import studio.timestep.sampling.RunSettings;
import studio.timestep.sampling.SamplerKind;

/** The model (embedded or Wan) and the sampling settings, shared by sample, sweep and bench. */
public final class RunOptions {
    @Option(names = "--sampler", defaultValue = "euler", description = "euler, heun, dpmpp-2m, unipc or renoise "
            + "(x0, then fresh noise to the next level, for step-distilled models) (default: ${DEFAULT-VALUE})")
    String sampler;

    @Option(names = "--guidance", defaultValue = "5", description = "classifier-free guidance scale; 1 = none (default: ${DEFAULT-VALUE})")
    double guidance;

    @Option(names = "--guidance-low", paramLabel = "G", description = "two experts (Wan2.2 A14B): the low-noise expert's "
            + "guidance, for rows whose timestep is below --expert-boundary·1000 (--guidance is then the high-noise expert's)")
    Double guidanceLow;

    @Option(names = "--expert-boundary", paramLabel = "B", description = "two experts: the boundary in [0, 1] (Wan2.2 T2V "
            + "0.875, I2V 0.9) where --guidance-low takes over")
    Double expertBoundary;

    @Option(names = "--prompt", defaultValue = "red ball", description = "prompt; repeat for plans with several prompts (default: ${DEFAULT-VALUE})")
    List<String> prompts;

    @Option(names = "--negative-prompt", defaultValue = "", description = "negative prompt (default: empty)")
    String negativePrompt;

    @Option(names = "--seed", defaultValue = "42", description = "noise seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--clips", defaultValue = "256", description = "exact: clips in the embedded collection (default: ${DEFAULT-VALUE})")
    int clips;

    @Option(names = "--size", defaultValue = "32", description = "exact: clip width and height in pixels (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--clips-folder", paramLabel = "DIR",
            description = "exact: your own clips, sub-folders of PNG frames or GIF files captioned by their names")
    Path clipsFolder;

    @Option(names = "--model", defaultValue = "tiny", paramLabel = "MODEL",
            description = "tiny (the shipped tiny Wan trained on the embedded clips), tiny:DIR (one the train command wrote), "
                    + "exact (the exact velocity of the clips: --clips, --size, --clips-folder) or wan:DIR (a diffusers Wan2.1 "
                    + "transformer folder) (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--wan-variant", paramLabel = "NAME", description = "Wan weights variant, e.g. bf16 for "
            + "diffusion_pytorch_model.bf16.safetensors (default: the plain files)")
    String wanVariant;

    @Option(names = "--prompt-embeds", paramLabel = "FILE",
            description = "Wan: umT5 prompt embeddings (.safetensors); repeat for plans with several prompts")
    List<Path> promptEmbeds;

    @Option(names = "--negative-embeds", paramLabel = "FILE", description = "Wan: umT5 negative-prompt embeddings")
    Path negativeEmbeds;

    @Option(names = "--width", defaultValue = "832", description = "Wan: video width in pixels, a multiple of 16 (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", defaultValue = "480", description = "Wan: video height in pixels, a multiple of 16 (default: ${DEFAULT-VALUE})")
    int height;

    /** The model source these options name; every check that needs no file happens here. */
    ModelSource modelSource() {
        if (model.startsWith("wan:")) {
            String dir = model.substring(4);
            if (dir.isBlank()) {
                throw new InvalidParameterException("model", "wan: needs the folder, e.g. wan:~/Wan2.1-T2V-1.3B-Diffusers");
            }
            return new ModelSource.WanFolder(Path.of(dir), wanVariant, width, height);
        }
        if (model.equals("tiny")) {
            return ModelSource.TinyModel.SHIPPED;
        }
        if (model.startsWith("tiny:")) {
            String dir = model.substring(5);
            if (dir.isBlank()) {
                throw new InvalidParameterException("model", "tiny: needs the folder the train command wrote");
            }
            return new ModelSource.TinyModel(Path.of(dir));
        }
        if (!model.equals("exact") && !model.equals("embedded")) {
            throw new InvalidParameterException("model", "'" + model + "' is none of tiny, tiny:DIR, exact, wan:DIR");
        }
        return exactClips();
    }

    /** The exact clip model these options describe (also the reference other models are measured against). */
    ModelSource.EmbeddedClips exactClips() {
        return new ModelSource.EmbeddedClips(clips, size, clipsFolder);
    }

    /**
     * The frames of the plan to build: {@code --frames} counts video frames (for Wan 4k + 1, 81 by
     * default) and the plan has one frame per frame the model samples (latent frames for Wan).
     */
    Integer planFrames(Integer frames) {
        ModelSource source = modelSource();
        if (frames == null) {
            return source instanceof ModelSource.WanFolder w ? w.planFrames(81) : null;
        }
        return source.planFrames(frames);
    }

    /**
     * The sampling settings; prompts are text for the clip models and for a Wan pipeline with its
     * tokenizer and text encoder, embeddings files for a Wan transformer alone (or when given).
     */
    RunSettings settings(Path sourceDir) {
        List<Prompt> given;
        Prompt negative;
        boolean embeddingsGiven = promptEmbeds != null && !promptEmbeds.isEmpty();
        if (embeddingsGiven || modelSource().promptKind() == PromptKind.EMBEDDINGS) {
            if (!embeddingsGiven) {
                throw new InvalidParameterException("prompt-embeds", "this Wan folder has no tokenizer/ and text_encoder/: a run "
                        + "needs the prompt's umT5 embeddings (see README)");
            }
            given = promptEmbeds.stream().map(p -> (Prompt) new Prompt.Embeddings(p.toAbsolutePath())).toList();
            negative = negativeEmbeds == null ? Prompt.NONE : new Prompt.Embeddings(negativeEmbeds.toAbsolutePath());
        } else {
            given = prompts.stream().map(t -> (Prompt) new Prompt.Text(t)).toList();
            negative = new Prompt.Text(negativePrompt);
        }
        if ((guidanceLow == null) != (expertBoundary == null)) {
            throw new InvalidParameterException(guidanceLow == null ? "guidance-low" : "expert-boundary",
                    "two experts need both --guidance-low and --expert-boundary");
        }
        ExpertGuidance experts = guidanceLow == null ? null : new ExpertGuidance(expertBoundary, guidanceLow);
        return new RunSettings(SamplerKind.fromId(sampler), guidance, given, negative, seed, sourceDir, experts);
    }
}
