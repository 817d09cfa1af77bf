package studio.timestep.model;

/**
 * A model ready to sample: its velocity, how it reads condition frames, and how its frames look
 * ({@code preview}, cheap enough to show every few rows); for a two-expert model (Wan2.2 A14B) also
 * the low-noise expert, which takes the rows whose timestep falls below its boundary; for a model
 * with a decoder (a Wan pipeline's VAE) the decoded frames, {@code decoded}, shown when a run ends.
 */
public record LoadedModel(VelocityModel velocity, ConditionLoader conditions, FramePreview preview, LowNoiseExpert lowNoise,
                          FramePreview decoded) {
    /**
     * The second transformer of a two-expert model (diffusers {@code transformer_2}) and the
     * boundary its pipeline gives (model_index.json {@code boundary_ratio}; NaN when it gives none).
     */
    public record LowNoiseExpert(VelocityModel velocity, double boundary) {
    }

    public LoadedModel(VelocityModel velocity, ConditionLoader conditions, FramePreview preview) {
        this(velocity, conditions, preview, null, null);
    }

    /** How a finished run's frames are shown and written: decoded where there is a decoder, else the preview. */
    public FramePreview finalFrames() {
        return decoded != null ? decoded : preview;
    }

    /** The same model with a decoder for its final frames. */
    public LoadedModel withDecoder(FramePreview decoder) {
        return new LoadedModel(velocity, conditions, preview, lowNoise, decoder);
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
        return new LoadedModel(velocity, conditions, preview, expert, decoded);
    }
}
