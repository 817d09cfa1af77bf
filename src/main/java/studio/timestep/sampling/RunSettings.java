package studio.timestep.sampling;

import java.nio.file.Path;
import java.util.List;
import studio.timestep.model.Prompt;
import studio.timestep.param.InvalidParameterException;

/**
 * How to sample a plan: sampler, guidance scale (1 = no guidance, a single evaluation; above 1,
 * true classifier-free guidance with the negative prompt), one prompt per prompt of the plan,
 * the negative prompt and the seed; with {@code experts}, the
 * low-noise expert's guidance below its boundary ({@code guidance} is then the high-noise
 * expert's). Relative source paths are read from {@code sourceDir}.
 */
public record RunSettings(SamplerKind sampler, double guidance, List<Prompt> prompts, Prompt negativePrompt, long seed,
                          Path sourceDir, ExpertGuidance experts) {
    public RunSettings(SamplerKind sampler, double guidance, List<Prompt> prompts, Prompt negativePrompt, long seed,
                       Path sourceDir) {
        this(sampler, guidance, prompts, negativePrompt, seed, sourceDir, null);
    }

    public RunSettings {
        if (!(guidance >= 1 && guidance <= 50)) {
            throw new InvalidParameterException("guidance", "must be in [1, 50], got " + guidance);
        }
        if (prompts.isEmpty()) {
            throw new InvalidParameterException("prompt", "a run needs at least one prompt");
        }
        prompts = List.copyOf(prompts);
    }

    public static RunSettings defaults() {
        return new RunSettings(SamplerKind.EULER, 5, List.of(new Prompt.Text("red ball")), Prompt.NONE, 42, Path.of("."));
    }

    /** The guidance of a row at {@code timestep} (0–1000): the expert's when there are two. */
    public double guidanceAt(double timestep) {
        return experts == null ? guidance : experts.at(timestep, guidance);
    }

    /** Whether any row is guided (and so evaluates the negative prompt). */
    public boolean guided() {
        return guidance != 1 || experts != null && experts.lowGuidance() != 1;
    }

    public RunSettings withPrompts(List<Prompt> newPrompts) {
        return new RunSettings(sampler, guidance, newPrompts, negativePrompt, seed, sourceDir, experts);
    }

    public RunSettings withSeed(long newSeed) {
        return new RunSettings(sampler, guidance, prompts, negativePrompt, newSeed, sourceDir, experts);
    }

    public RunSettings withSampler(SamplerKind newSampler) {
        return new RunSettings(newSampler, guidance, prompts, negativePrompt, seed, sourceDir, experts);
    }

    /** The prompt for prompt p of a plan (the last given one repeats). */
    Prompt prompt(int p) {
        return prompts.get(Math.min(p, prompts.size() - 1));
    }
}
