package studio.timestep.model;

/** A model ready to sample: its velocity, how it reads condition frames, and how its frames look. */
public record LoadedModel(VelocityModel velocity, ConditionLoader conditions, FramePreview preview) {
    /** The embedded model over a clip collection: pixels, with clips or image files as condition sources. */
    public static LoadedModel of(AnalyticFlowModel model) {
        return new LoadedModel(model, new ClipSources(model.clips()), FramePreview.PIXELS);
    }
}
