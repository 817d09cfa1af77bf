package studio.timestep.plan;

import java.util.List;
import java.util.Map;
import studio.timestep.param.NamedOption;
import studio.timestep.param.ParameterRange;
import studio.timestep.schedule.SigmaGrid;

/**
 * The scenario templates of the article "Vectorized Timestepについて" (FVDM, Pusa, Diffusion Forcing, SkyReels-V2, FIFO-Diffusion, MAGI-1), each a pure function from its parameters
 * and a base sigma grid to a plan.
 */
public enum PlanTemplate implements NamedOption {
    T2V("t2v", "Synchronous T2V: every frame follows the base schedule.", List.of(frames(16))) {
        @Override
        TimestepPlan build(TemplateValues v, SigmaGrid g) {
            return SynchronousTemplates.t2v(v.integer("frames"), g);
        }
    },
    T2I_I2V("t2i-i2v", "T2I then I2V: frame 0 alone first, then the rest conditioned on it.", List.of(frames(16))) {
        @Override
        TimestepPlan build(TemplateValues v, SigmaGrid g) {
            return SynchronousTemplates.t2iThenI2v(v.integer("frames"), g);
        }
    },
    I2V_CHAIN("i2v-chain", "I2V chaining: each segment continues from the last frame of the one before.",
            List.of(frames(9), TemplateParameter.integer("segments", 1, 64, 3, "segments K"))) {
        @Override
        TimestepPlan build(TemplateValues v, SigmaGrid g) {
            return SegmentedTemplates.i2vChain(v.integer("frames"), v.integer("segments"), g);
        }
    },
    INTERPOLATION("interpolation", "Interpolation: first and last frames given, the middle generated.",
            List.of(frames(16))) {
        @Override
        TimestepPlan build(TemplateValues v, SigmaGrid g) {
            return SynchronousTemplates.interpolation(v.integer("frames"), g, false);
        }
    },
    LOOP("loop", "Loop: the last frame is the first frame itself (marked by an arc), so the video closes on itself.",
            List.of(frames(16))) {
        @Override
        TimestepPlan build(TemplateValues v, SigmaGrid g) {
            return SynchronousTemplates.interpolation(v.integer("frames"), g, true);
        }
    },
    V2V("v2v", "V2V: a source video noised to σ_start, then the rest of the schedule.",
            List.of(frames(16), strength(0.6))) {
        @Override
        TimestepPlan build(TemplateValues v, SigmaGrid g) {
            return SynchronousTemplates.v2v(v.integer("frames"), v.number("strength"), g);
        }
    },
    UPSCALE_REFINE("upscale-refine", "Low-resolution T2V, upscale, then V2V refine at full size.",
            List.of(frames(16), strength(0.5), TemplateParameter.number("scale", ParameterRange.closed("scale", 1, 8), 2,
                    "upscale factor from the low-resolution pass"))) {
        @Override
        TimestepPlan build(TemplateValues v, SigmaGrid g) {
            return SynchronousTemplates.upscaleRefine(v.integer("frames"), v.number("strength"), v.number("scale"), g);
        }
    },
    LONG_VIDEO("long-video", "Long video: chunks of W frames, each holding the last M frames of the one before.",
            List.of(TemplateParameter.integer("chunk", 2, 1024, 16, "frames per chunk W"),
                    TemplateParameter.integer("overlap", 0, 1023, 4, "overlapping frames M"),
                    TemplateParameter.integer("chunks", 1, 256, 3, "chunks K"))) {
        @Override
        TimestepPlan build(TemplateValues v, SigmaGrid g) {
            return SegmentedTemplates.longVideo(v.integer("chunk"), v.integer("overlap"), v.integer("chunks"), g);
        }
    },
    PROMPT_BLEND("prompt-blend", "Prompt-blend boundary: weights crossfade, frames near the boundary re-noised more.",
            List.of(frames(32), TemplateParameter.number("boundary", ParameterRange.closed("boundary", 0, 4096), 16,
                            "frame where prompt B takes over"),
                    TemplateParameter.number("width", ParameterRange.closed("width", 1, 4096), 8, "crossfade width in frames"),
                    strength(0.4), TemplateParameter.number("peak", ParameterRange.openMin("peak", 0, 1), 0.8,
                            "start level at the boundary"))) {
        @Override
        TimestepPlan build(TemplateValues v, SigmaGrid g) {
            return SegmentedTemplates.promptBlend(v.integer("frames"), v.number("boundary"), v.number("width"),
                    v.number("strength"), v.number("peak"), g);
        }
    },
    MULTIPLIERS("multipliers", "FVDM/Pusa: frame f runs m_f·σ (0 clean, 0.2 lightly noised, 1 generated).",
            List.of(frames(16), TemplateParameter.text("multipliers", "0",
                    "m for the first frames, e.g. \"0, 0.2\"; the rest are 1"))) {
        @Override
        TimestepPlan build(TemplateValues v, SigmaGrid g) {
            return SynchronousTemplates.multipliers(v.integer("frames"), v.text("multipliers"), g);
        }
    },
    DF_PYRAMID("df-pyramid", "Diffusion Forcing pyramid: frame t lags t·u steps behind frame 0.",
            List.of(frames(16), TemplateParameter.number("uncertainty", ParameterRange.closed("uncertainty", 0, 1000), 1,
                    "uncertainty scale u: steps of lag per frame"))) {
        @Override
        TimestepPlan build(TemplateValues v, SigmaGrid g) {
            return DiagonalTemplates.pyramid(v.integer("frames"), v.number("uncertainty"), g);
        }
    },
    SKYREELS_DF("skyreels-df", "SkyReels-V2 diffusion forcing (generate_timestep_matrix).",
            List.of(frames(8), TemplateParameter.integer("base-frames", 1, 4096, 8, "frames the model sees at once"),
                    TemplateParameter.integer("ar-step", 0, 1000, 5, "rows block i lags block i-1; 0 is synchronous "
                            + "(SkyReels-V2 recommends 5 for asynchronous diffusion forcing)"),
                    TemplateParameter.integer("block", 1, 4096, 1, "causal block size in frames"),
                    TemplateParameter.integer("prefix", 0, 4096, 0, "prefix frames already clean"))) {
        @Override
        TimestepPlan build(TemplateValues v, SigmaGrid g) {
            return DiagonalTemplates.skyreels(v.integer("frames"), v.integer("base-frames"), v.integer("ar-step"),
                    v.integer("block"), v.integer("prefix"), g);
        }
    },
    FIFO("fifo", "FIFO/rolling diagonal: frame f starts `lag` rows after frame f-1.",
            List.of(frames(16), TemplateParameter.integer("lag", 1, 1000, 2, "rows between the starts of two frames"))) {
        @Override
        TimestepPlan build(TemplateValues v, SigmaGrid g) {
            return DiagonalTemplates.diagonal(v.integer("frames"), v.integer("lag"), g);
        }
    },
    MAGI("magi", "MAGI-1 style chunk staircase: chunks share a level, K chunks in flight.",
            List.of(frames(24), TemplateParameter.integer("chunk-width", 1, 4096, 4, "frames per chunk"),
                    TemplateParameter.integer("in-flight", 1, 1000, 3, "chunks being denoised at once"))) {
        @Override
        TimestepPlan build(TemplateValues v, SigmaGrid g) {
            return DiagonalTemplates.chunkStaircase(v.integer("frames"), v.integer("chunk-width"), v.integer("in-flight"), g);
        }
    };

    private final String id;
    private final String description;
    private final List<TemplateParameter> parameters;

    PlanTemplate(String id, String description, List<TemplateParameter> parameters) {
        this.id = id;
        this.description = description;
        this.parameters = parameters;
    }

    abstract TimestepPlan build(TemplateValues values, SigmaGrid grid);

    /** Builds the plan; unknown or out-of-range parameters throw, naming the parameter. */
    public TimestepPlan build(Map<String, ?> parameters, SigmaGrid grid) {
        return build(new TemplateValues(this.parameters, parameters, id), grid);
    }

    @Override
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public List<TemplateParameter> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return id;
    }

    public static PlanTemplate fromId(String id) {
        return NamedOption.parse(PlanTemplate.class, "template", id);
    }

    private static TemplateParameter frames(int defaultFrames) {
        return TemplateParameter.integer("frames", 1, TimestepPlan.MAX_SIZE, defaultFrames, "frames F");
    }

    private static TemplateParameter strength(double defaultValue) {
        return TemplateParameter.number("strength", ParameterRange.openMin("strength", 0, 1), defaultValue,
                "σ_start: the level the source is noised to");
    }
}
