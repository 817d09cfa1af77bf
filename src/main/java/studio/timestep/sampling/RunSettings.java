package studio.timestep.sampling;

import java.nio.file.Path;
import java.util.List;
import studio.timestep.model.Prompt;
import studio.timestep.param.InvalidParameterException;

/**
 * How to sample a plan: sampler, guidance scale (1 = no guidance, a single evaluation; above 1,
 * true classifier-free guidance with the negative prompt), one prompt per prompt of the plan,
 * the negative prompt, the seed, and the TeaCache replay settings. Relative source paths are
 * read from {@code sourceDir}.
 */
public record RunSettings(SamplerKind sampler, double guidance, List<Prompt> prompts, Prompt negativePrompt, long seed,
                          TeaCachePolynomial teacache, double teacacheThreshold, Path sourceDir) {
    public RunSettings {
        if (!(guidance >= 1 && guidance <= 50)) {
            throw new InvalidParameterException("guidance", "must be in [1, 50], got " + guidance);
        }
        if (!(teacacheThreshold >= 0 && teacacheThreshold <= 10)) {
            throw new InvalidParameterException("teacache-threshold",
                    "must be in [0, 10], got " + teacacheThreshold);
        }
        if (prompts.isEmpty()) {
            throw new InvalidParameterException("prompt", "a run needs at least one prompt");
        }
        prompts = List.copyOf(prompts);
    }

    public static RunSettings defaults() {
        return new RunSettings(SamplerKind.EULER, 5, List.of(new Prompt.Text("red ball")), Prompt.NONE, 42,
                TeaCachePolynomial.IDENTITY, 0.1,
                Path.of("."));
    }

    /** The prompt for prompt p of a plan (the last given one repeats). */
    Prompt prompt(int p) {
        return prompts.get(Math.min(p, prompts.size() - 1));
    }
}
