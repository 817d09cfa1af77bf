package studio.timestep.run;

import java.util.ArrayList;
import java.util.List;
import studio.timestep.model.Prompt;
import studio.timestep.model.wan.WanTeaCache;
import studio.timestep.model.wan.WanTeaCacheFit;

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
        List<double[]> points = new ArrayList<>();
        for (Prompt prompt : request.settings().prompts()) {
            for (long seed : seeds) {
                WanTeaCache.Calibration calibration = new WanTeaCache.Calibration(retSteps);
                CacheComparison.underCalibration(new RunRequest(request.plan(), request.origin(), request.model(),
                        request.settings().withPrompts(List.of(prompt)).withSeed(seed), request.allowProblems()), calibration,
                        models, listener);
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
