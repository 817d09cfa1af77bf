package studio.timestep.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import studio.timestep.model.AnalyticFlowModel;
import studio.timestep.model.MovingShapeClips;
import studio.timestep.sampling.RunSettings;
import studio.timestep.sampling.SamplerKind;
import studio.timestep.sampling.TeaCachePolynomial;
import studio.timestep.schedule.ParameterRange;

/** The embedded model's size and the sampling settings, shared by sample, sweep and bench. */
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

    private final Map<Integer, AnalyticFlowModel> models = new HashMap<>();

    /** The embedded model for a frame count (the collection is regenerated per frame count, deterministically). */
    AnalyticFlowModel model(int frames) {
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
        return new RunSettings(SamplerKind.fromId(sampler), guidance, prompts, negativePrompt, seed,
                TeaCachePolynomial.fromId(teacache), teacacheThreshold, sourceDir);
    }
}
