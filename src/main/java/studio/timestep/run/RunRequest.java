package studio.timestep.run;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import studio.timestep.io.FileFormatException;
import studio.timestep.model.Prompt;
import studio.timestep.model.PromptKind;
import studio.timestep.model.wan.WanPipelineFolder;
import studio.timestep.param.ParameterRange;
import studio.timestep.plan.PlanProblem;
import studio.timestep.plan.PlanValidator;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.sampling.ExpertGuidance;
import studio.timestep.sampling.RunSettings;
import studio.timestep.schedule.FlowShiftCurve;

/**
 * One run, checked as a whole before any work starts: the plan (and what made it), the model
 * source and the sampling settings. The window's Run tab and the command line both fill one, so
 * the same request gives the same run either way. A request that cannot run is a RunException
 * whose sentence names the field.
 */
public record RunRequest(TimestepPlan plan, PlanOrigin origin, ModelSource model, RunSettings settings,
                         boolean allowProblems) {
    /** A request whose plan must have no problem (as {@code plan --check} finds them). */
    public RunRequest(TimestepPlan plan, PlanOrigin origin, ModelSource model, RunSettings settings) {
        this(plan, origin, model, settings, false);
    }

    public RunRequest {
        List<PlanProblem> problems = PlanValidator.validate(plan, 0);
        if (!problems.isEmpty() && !allowProblems) {
            throw new RunException("plan: " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + ", the first at " + problems.get(0) + " (the Plan tab or `plan --check` lists them)");
        }
        model.checkSize(plan.frames());
        PromptKind kind = model.promptKind();
        for (Prompt p : settings.prompts()) {
            checkPrompt("prompt", p, model);
        }
        if (settings.guided()) {
            if (kind == PromptKind.EMBEDDINGS && !(settings.negativePrompt() instanceof Prompt.Embeddings)) {
                double g = settings.guidance() != 1 ? settings.guidance() : settings.experts().lowGuidance();
                throw new RunException("negative prompt: guidance " + ParameterRange.format(g) + " needs the negative prompt's "
                        + "umT5 embeddings (or guidance 1)");
            }
            checkPrompt("negative prompt", settings.negativePrompt(), model);
        }
    }

    private static void checkPrompt(String field, Prompt p, ModelSource model) {
        if (!model.accepts(p)) {
            throw new RunException(field + ": " + model.promptKind().refusal("this model", p));
        }
        if (p instanceof Prompt.Embeddings e && !Files.isRegularFile(e.file())) {
            throw new RunException(field + ": " + e.file() + " is not a file (umT5 embeddings, .safetensors)");
        }
    }

    /** The frames of the video this run makes (latent frames × 4 − 3 for Wan). */
    public int videoFrames() {
        return model.videoFrames(plan.frames());
    }

    /**
     * What this run is, trait by trait, in the order a label names them: template, curve,
     * convention, steps, shift (of a flow-shift curve), frames, sampler, guidance, prompts, model, seed.
     */
    public Map<String, String> traits() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("template", origin.template());
        if (origin.base() != null) {
            boolean flow = origin.base().schedule() instanceof FlowShiftCurve;
            t.put("curve", flow ? "flow shift" : origin.base().schedule().label());
            t.put("convention", origin.base().convention().id());
            t.put("steps", Integer.toString(origin.base().steps()));
            if (origin.base().schedule() instanceof FlowShiftCurve f) {
                t.put("shift", ParameterRange.format(f.shift()));
            }
        } else {
            t.put("rows", Integer.toString(plan.rows()));
        }
        t.put("frames", Integer.toString(videoFrames()));
        t.put("sampler", settings.sampler().id());
        t.put("guidance", settings.experts() == null ? ParameterRange.format(settings.guidance())
                : ParameterRange.format(settings.guidance()) + " → " + ParameterRange.format(settings.experts().lowGuidance())
                + " at row " + settings.experts().switchRow(plan) + " (boundary " + ParameterRange.format(settings.experts()
                .boundary()) + ")");
        t.put("prompt", settings.prompts().stream().map(Prompt::describe).collect(Collectors.joining(" | ")));
        t.put("model", model.label());
        if (model instanceof ModelSource.WanFolder wan && WanPipelineFolder.lowNoiseTransformer(wan.dir()) != null) {
            t.put("experts", lowNoiseSwitch(wan));
        }
        t.put("seed", Long.toString(settings.seed()));
        return t;
    }

    /** Where a Wan2.2 pipeline's low-noise expert (transformer_2) takes over, as the run will switch. */
    private String lowNoiseSwitch(ModelSource.WanFolder wan) {
        double boundary;
        try {
            boundary = settings.experts() != null ? settings.experts().boundary() : WanPipelineFolder.boundaryRatio(wan.dir());
        } catch (FileFormatException e) {
            return "transformer_2 (" + e.getMessage() + ")";
        }
        if (Double.isNaN(boundary)) {
            return "transformer_2 (no boundary: set the expert boundary)";
        }
        return "transformer_2 from row " + new ExpertGuidance(boundary, 1).switchRow(plan) + " (boundary "
                + ParameterRange.format(boundary) + ")";
    }
}
