package studio.timestep.model;

/**
 * A model ready to sample: its velocity, how it reads condition frames, and how its frames look;
 * for a two-expert model (Wan2.2 A14B) also the low-noise expert, which takes the rows whose
 * timestep falls below its boundary.
 */
public record LoadedModel(VelocityModel velocity, ConditionLoader conditions, FramePreview preview, LowNoiseExpert lowNoise) {
    /**
     * The second transformer of a two-expert model (diffusers {@code transformer_2}) and the
     * boundary its pipeline gives (model_index.json {@code boundary_ratio}; NaN when it gives none).
     */
    public record LowNoiseExpert(VelocityModel velocity, double boundary) {
    }

    public LoadedModel(VelocityModel velocity, ConditionLoader conditions, FramePreview preview) {
        this(velocity, conditions, preview, null);
    }

    /** The exact model of a clip collection: pixels, with clips or image files as condition sources. */
    public static LoadedModel of(AnalyticFlowModel model) {
        return pixels(model, model.clips());
    }

    /** A model over pixels, with the clips of {@code clips} or image files as condition sources. */
    public static LoadedModel pixels(VelocityModel model, ClipCollection clips) {
        return new LoadedModel(model, new ClipSources(clips), FramePreview.PIXELS);
    }

    /** The same model with a low-noise expert. */
    public LoadedModel withLowNoise(LowNoiseExpert expert) {
        return new LoadedModel(velocity, conditions, preview, expert);
    }
}
