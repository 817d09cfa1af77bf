package studio.timestep.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import studio.timestep.io.FileFormatException;
import studio.timestep.model.AnalyticFlowModel;
import studio.timestep.model.VelocityModel;
import studio.timestep.model.wan.WanTransformer;
import studio.timestep.model.wan.WanVelocityModel;
import studio.timestep.model.wan.WanVideoSize;
import studio.timestep.model.wan.WanWeights;
import studio.timestep.model.MovingShapeClips;
import studio.timestep.sampling.RunSettings;
import studio.timestep.sampling.SamplerKind;
import studio.timestep.sampling.TeaCachePolynomial;
import studio.timestep.param.ParameterRange;

/** The model (embedded or Wan) and the sampling settings, shared by sample, sweep and bench. */
public final class RunOptions {
    @Option(names = "--sampler", defaultValue = "euler", description = "euler, heun, dpmpp-2m or unipc (default: ${DEFAULT-VALUE})")
    String sampler;

    @Option(names = "--guidance", defaultValue = "5", description = "classifier-free guidance scale; 1 = none (default: ${DEFAULT-VALUE})")
    double guidance;

    @Option(names = "--prompt", defaultValue = "red ball", description = "prompt; repeat for plans with several prompts (default: ${DEFAULT-VALUE})")
    List<String> prompts;

    @Option(names = "--negative-prompt", defaultValue = "", description = "negative prompt (default: empty)")
    String negativePrompt;

    @Option(names = "--seed", defaultValue = "42", description = "noise seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--teacache", defaultValue = "identity", description = "TeaCache rescale: identity, wan-1.3b, wan-14b, hunyuan")
    String teacache;

    @Option(names = "--teacache-threshold", defaultValue = "0.1", description = "TeaCache threshold (default: ${DEFAULT-VALUE})")
    double teacacheThreshold;

    @Option(names = "--clips", defaultValue = "256", description = "clips in the embedded collection (default: ${DEFAULT-VALUE})")
    int clips;

    @Option(names = "--size", defaultValue = "32", description = "clip width and height in pixels (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--clips-folder", paramLabel = "DIR",
            description = "your own clips: sub-folders of PNG frames or GIF files, captioned by their names")
    Path clipsFolder;

    @Option(names = "--model", defaultValue = "embedded", paramLabel = "MODEL",
            description = "embedded (the clip collection) or wan:DIR (a diffusers Wan2.1 transformer folder)")
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

    private final Map<Integer, AnalyticFlowModel> models = new HashMap<>();
    /** Wan models by latent frame count: each keeps its prompts' cross-attention keys across the runs of a sweep. */
    private final Map<Integer, VelocityModel> wanModels = new HashMap<>();
    private WanTransformer wan;

    boolean isWan() {
        if (model.startsWith("wan:")) {
            return true;
        }
        if (!model.equals("embedded")) {
            throw new UserInputException("--model: '" + model + "' is neither embedded nor wan:DIR");
        }
        return false;
    }

    /**
     * The frames of the plan to build: for Wan, {@code --frames} counts video frames (4k + 1) and
     * the plan has one frame per latent frame.
     */
    Integer planFrames(Integer frames) {
        if (!isWan()) {
            return frames;
        }
        return new WanVideoSize(width, height, frames == null ? 81 : frames).latentFrames();
    }

    /** The model for a plan of this many frames (latent frames for Wan). */
    VelocityModel model(int frames) {
        if (!isWan()) {
            return embeddedModel(frames);
        }
        if (wan == null) {
            try {
                wan = new WanTransformer(WanWeights.open(Path.of(model.substring(4)), wanVariant, null));
            } catch (FileFormatException e) {
                throw new UserInputException("--model: " + e.getMessage());
            }
        }
        return wanModels.computeIfAbsent(frames,
                f -> new WanVelocityModel(wan, new WanVideoSize(width, height, 4 * (f - 1) + 1), Path.of("")));
    }

    /** The embedded model for a frame count (the collection is regenerated per frame count, deterministically). */
    AnalyticFlowModel embeddedModel(int frames) {
        ParameterRange.closed("clips", 1, 100_000).checkInt(clips);
        ParameterRange.closed("size", 8, 256).checkInt(size);
        try {
            if (clipsFolder != null) {
                return models.computeIfAbsent(frames, f -> {
                    try {
                        return new AnalyticFlowModel(studio.timestep.model.ClipFolder.load(clipsFolder, f, size));
                    } catch (java.io.IOException e) {
                        throw new UserInputException("--clips-folder: " + e.getMessage());
                    }
                });
            }
            return models.computeIfAbsent(frames, f -> new AnalyticFlowModel(MovingShapeClips.generate(clips, f, size, 1234)));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    RunSettings settings(Path sourceDir) {
        if (isWan()) {
            if (promptEmbeds == null || promptEmbeds.isEmpty()) {
                throw new UserInputException("--prompt-embeds: a Wan run needs the prompt's umT5 embeddings (see README)");
            }
            if (guidance != 1 && negativeEmbeds == null) {
                throw new UserInputException("--negative-embeds: guidance " + guidance + " needs the negative prompt's "
                        + "embeddings (or --guidance 1)");
            }
            return new RunSettings(SamplerKind.fromId(sampler), guidance,
                    promptEmbeds.stream().map(p -> p.toAbsolutePath().toString()).toList(),
                    negativeEmbeds == null ? "" : negativeEmbeds.toAbsolutePath().toString(), seed,
                    TeaCachePolynomial.fromId(teacache), teacacheThreshold, sourceDir);
        }
        return new RunSettings(SamplerKind.fromId(sampler), guidance, prompts, negativePrompt, seed,
                TeaCachePolynomial.fromId(teacache), teacacheThreshold, sourceDir);
    }
}
