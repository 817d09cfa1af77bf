package studio.timestep.sampling;

import java.util.function.Supplier;
import studio.timestep.param.NamedOption;

/** The samplers a run can use; each run gets a fresh one (they keep per-frame history). */
public enum SamplerKind implements NamedOption {
    EULER("euler", EulerPlanSampler::new),
    HEUN("heun", HeunPlanSampler::new),
    DPMPP_2M("dpmpp-2m", DpmSolver2MPlanSampler::new),
    UNIPC("unipc", UniPcPlanSampler::new),
    /** Predict x0, re-noise to the next level with fresh noise: how step-distilled Wan2.1 models are sampled. */
    RENOISE("renoise", RenoisePlanSampler::new);

    private final String id;
    private final Supplier<PlanSampler> factory;

    SamplerKind(String id, Supplier<PlanSampler> factory) {
        this.id = id;
        this.factory = factory;
    }

    public PlanSampler create() {
        return factory.get();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    public static SamplerKind fromId(String id) {
        return NamedOption.parse(SamplerKind.class, "sampler", id);
    }
}
