package studio.timestep.sampling;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import studio.timestep.model.Prompt;
import studio.timestep.model.PromptKind;
import studio.timestep.model.VelocityModel;

/** A model that passes every call on to another; tests override {@link #velocities} to watch its calls. */
class DelegatingModel implements VelocityModel {
    private final VelocityModel model;

    DelegatingModel(VelocityModel model) {
        this.model = model;
    }

    @Override
    public List<INDArray> velocities(INDArray x, double[] sigmas, int windowStart, int windowEnd, List<Prompt> prompts) {
        return model.velocities(x, sigmas, windowStart, windowEnd, prompts);
    }

    @Override
    public PromptKind promptKind() {
        return model.promptKind();
    }

    @Override
    public long[] frameShape() {
        return model.frameShape();
    }

    @Override
    public int frames() {
        return model.frames();
    }

    @Override
    public String name() {
        return model.name();
    }
}
