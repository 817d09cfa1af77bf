package studio.timestep.cli;

import studio.timestep.schedule.CurveSetup;
import studio.timestep.run.PlanOrigin;
import studio.timestep.run.RunRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.PlanPresets;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.schedule.SigmaGrid;

/** The options that choose a plan template and its parameters, shared by plan, sample and sweep. */
public final class TemplateOptions {
    @Option(names = "--template", defaultValue = "t2v", description = "t2v, t2i-i2v, i2v-chain, interpolation, loop, v2v, "
            + "upscale-refine, long-video, prompt-blend, multipliers, df-pyramid, skyreels-df, fifo, magi "
            + "(default: ${DEFAULT-VALUE})")
    String template;

    @Option(names = "--template-preset", paramLabel = "FILE",
            description = "a plan preset (template and parameters); options given here override its parameters")
    Path templatePreset;

    @Option(names = "--frames", description = "frames F") Integer frames;
    @Option(names = "--segments", description = "i2v-chain: segments K") Integer segments;
    @Option(names = "--strength", description = "v2v, upscale-refine, prompt-blend: σ_start in (0, 1]") Double strength;
    @Option(names = "--scale", description = "upscale-refine: upscale factor") Double scale;
    @Option(names = "--chunk", description = "long-video: frames per chunk W") Integer chunk;
    @Option(names = "--overlap", description = "long-video: overlapping frames M") Integer overlap;
    @Option(names = "--chunks", description = "long-video: chunks K") Integer chunks;
    @Option(names = "--boundary", description = "prompt-blend: frame of the prompt change") Double boundary;
    @Option(names = "--crossfade", description = "prompt-blend: crossfade width in frames") Double width;
    @Option(names = "--peak", description = "prompt-blend: start level at the boundary") Double peak;
    @Option(names = "--multipliers", description = "multipliers: m of the first frames, e.g. \"0, 0.2\"") String multipliers;
    @Option(names = "--uncertainty", description = "df-pyramid: steps of lag per frame u") Double uncertainty;
    @Option(names = "--base-frames", description = "skyreels-df: frames the model sees at once") Integer baseFrames;
    @Option(names = "--ar-step", description = "skyreels-df: rows each block lags the one before") Integer arStep;
    @Option(names = "--block", description = "skyreels-df: causal block size") Integer block;
    @Option(names = "--prefix", description = "skyreels-df: prefix frames already clean") Integer prefix;
    @Option(names = "--lag", description = "fifo: rows between the starts of two frames") Integer lag;
    @Option(names = "--chunk-width", description = "magi: frames per chunk") Integer chunkWidth;
    @Option(names = "--in-flight", description = "magi: chunks in flight") Integer inFlight;

    /** The plan these options describe on the given base grid. */
    public TimestepPlan build(SigmaGrid grid) {
        return build(grid, frames);
    }

    /** The same with the frame count given by the caller (Wan plans count latent frames). */
    public TimestepPlan build(SigmaGrid grid, Integer frames) {
        PlanTemplate t = PlanTemplate.fromId(template);
        Map<String, Object> values = values(frames);
        if (templatePreset != null) {
            PlanPresets.PlanPreset preset = readPreset();
            t = preset.template();
            Map<String, Object> merged = new LinkedHashMap<>(preset.parameters());
            merged.putAll(values);
            values = merged;
        }
        return t.build(values, grid);
    }

    /** The run of this template on the curve's grid, with the run options' model, frame count and settings. */
    RunRequest request(CurveOptions curve, RunOptions run) {
        CurveSetup setup = curve.toSetupAsTheWindow();
        TimestepPlan plan = build(setup.grid(), run.planFrames(frames));
        return new RunRequest(plan, new PlanOrigin(templateId(), setup), run.modelSource(), run.settings(Path.of(".")));
    }

    /** The id of the template these options build (a preset's own, when one is given). */
    public String templateId() {
        return templatePreset != null ? readPreset().template().id() : PlanTemplate.fromId(template).id();
    }

    private PlanPresets.PlanPreset readPreset() {
        try {
            return PlanPresets.read(templatePreset);
        } catch (IOException e) {
            throw new UserInputException("--template-preset: cannot read " + templatePreset + " (" + e.getMessage() + ")");
        } catch (FileFormatException e) {
            throw new UserInputException("--template-preset: " + e.getMessage());
        }
    }

    private Map<String, Object> values(Integer frames) {
        Map<String, Object> v = new LinkedHashMap<>();
        put(v, "frames", frames);
        put(v, "segments", segments);
        put(v, "strength", strength);
        put(v, "scale", scale);
        put(v, "chunk", chunk);
        put(v, "overlap", overlap);
        put(v, "chunks", chunks);
        put(v, "boundary", boundary);
        put(v, "width", width);
        put(v, "peak", peak);
        put(v, "multipliers", multipliers);
        put(v, "uncertainty", uncertainty);
        put(v, "base-frames", baseFrames);
        put(v, "ar-step", arStep);
        put(v, "block", block);
        put(v, "prefix", prefix);
        put(v, "lag", lag);
        put(v, "chunk-width", chunkWidth);
        put(v, "in-flight", inFlight);
        return v;
    }

    private static void put(Map<String, Object> v, String key, Object value) {
        if (value != null) {
            v.put(key, value);
        }
    }
}
