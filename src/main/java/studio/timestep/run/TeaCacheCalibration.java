package studio.timestep.run;

import java.util.ArrayList;
import java.util.List;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.Prompt;
import studio.timestep.model.wan.WanTeaCache;
import studio.timestep.model.wan.WanTeaCacheFit;
import studio.timestep.model.wan.WanVelocityModel;

/**
 * TeaCache's rescale polynomial for a model, a step count and a sampler: full runs of the request,
 * once per prompt (alone) and seed, every call recorded (signal, output change), then the degree-4
 * least-squares fit its authors made.
 */
public final class TeaCacheCalibration {
    /** The fit and the points it was made from. */
    public record Result(WanTeaCacheFit.Result fit, List<double[]> points, boolean retSteps) {
    }

    private TeaCacheCalibration() {
    }

    public static Result run(RunRequest request, List<Long> seeds, boolean retSteps, RunModels models, RunQueue.Listener listener) {
        LoadedModel model = models.model(request.model(), request.plan().frames());
        CacheComparison.check(request, model);
        WanVelocityModel velocity = (WanVelocityModel) model.velocity();
        List<double[]> points = new ArrayList<>();
        for (Prompt prompt : request.settings().prompts()) {
            for (long seed : seeds) {
                WanTeaCache.Calibration calibration = new WanTeaCache.Calibration(retSteps);
                velocity.useCache(calibration);
                try {
                    RunRequest one = new RunRequest(request.plan(), request.origin(), request.model(),
                            request.settings().withPrompts(List.of(prompt)).withSeed(seed), request.allowProblems());
                    RunOutcome outcome = new RunQueue(models).run(List.of(RunJob.single(one)), listener).get(0);
                    if (!outcome.done()) {
                        throw new RunException(outcome.describe());
                    }
                } finally {
                    velocity.useCache(null);
                }
                points.addAll(calibration.points());
            }
        }
        try {
            return new Result(WanTeaCacheFit.fit(points), points, retSteps);
        } catch (IllegalArgumentException e) {
            throw new RunException("calibration: " + e.getMessage() + " (more steps, prompts or seeds)");
        }
    }
}
