package studio.timestep.model;

/** A model ready to sample: its velocity, how it reads condition frames, and how its frames look. */
public record LoadedModel(VelocityModel velocity, ConditionLoader conditions, FramePreview preview) {
    /** The exact model of a clip collection: pixels, with clips or image files as condition sources. */
    public static LoadedModel of(AnalyticFlowModel model) {
        return pixels(model, model.clips());
    }

    /** A model over pixels, with the clips of {@code clips} or image files as condition sources. */
    public static LoadedModel pixels(VelocityModel model, ClipCollection clips) {
        return new LoadedModel(model, new ClipSources(clips), FramePreview.PIXELS);
    }
}
