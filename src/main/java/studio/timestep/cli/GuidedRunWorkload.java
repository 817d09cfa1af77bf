package studio.timestep.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.Prompt;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.sampling.RunSettings;
import studio.timestep.sampling.SamplerKind;
import studio.timestep.sampling.SamplingRun;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;

/** The benches' run: t2v on a model, flow shift 5, Euler, "red ball" guided at 5 against no prompt, seed 1. */
record GuidedRunWorkload(int frames, TimestepPlan plan, LoadedModel model, RunSettings settings) {
    GuidedRunWorkload(int frames, LoadedModel model, int steps) {
        this(frames, PlanTemplate.T2V.build(Map.of("frames", frames),
                        new FlowShiftCurve(5).sigmaGrid(steps, GridConvention.EULER_SIGMAS)), model,
                new RunSettings(SamplerKind.EULER, 5, List.of(new Prompt.Text("red ball")), Prompt.NONE, 1, Path.of(".")));
    }

    /** One run; its wall time in seconds. */
    double seconds() {
        long start = System.nanoTime();
        new SamplingRun(plan, model, settings).run(e -> { });
        return (System.nanoTime() - start) / 1e9;
    }
}
