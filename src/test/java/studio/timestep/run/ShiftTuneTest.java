package studio.timestep.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.timestep.model.Prompt;
import studio.timestep.sampling.RunSettings;
import studio.timestep.sampling.SamplerKind;
import studio.timestep.schedule.GridConvention;

class ShiftTuneTest {
    static RunSettings settings(SamplerKind sampler) {
        return new RunSettings(sampler, 1, List.of(new Prompt.Text("red")), Prompt.NONE, 1,
                Path.of("."));
    }

    @Test
    void theSearchFindsTheMinimumOfAUnimodalErrorBetweenGridPoints() {
        ShiftTune.Result r = ShiftTune.search(s -> Math.abs(Math.log(s) - Math.log(3.7)));
        assertEquals(3.7, r.bestShift(), 3.7 * 0.03);
        assertTrue(r.curve().size() >= ShiftTune.GRID.length, "every evaluated shift is on the curve");
    }

    /** On the exact clip model the tuned optimum is as good as the best of a fine brute-force grid. */
    @Test
    void theTunedShiftOnTheExactModelAgreesWithABruteForceGrid() {
        ModelSource exact = new ModelSource.EmbeddedClips(8, 8, null);
        ShiftTune.Task task = new ShiftTune.Task(exact, 2, 6, GridConvention.EULER_SIGMAS, settings(SamplerKind.EULER), List.of(1L, 2L));
        RunModels models = new RunModels();
        ShiftTune.Result tuned = ShiftTune.tune(task, models, p -> { }, () -> false);
        ShiftTune brute = new ShiftTune(task, models, () -> false);
        double best = Double.MAX_VALUE;
        double bestShift = 0;
        for (int i = 0; i <= 80; i++) {
            double s = 0.5 * Math.pow(48, i / 80.0);
            double e = brute.meanError(s);
            if (e < best) {
                best = e;
                bestShift = s;
            }
        }
        assertTrue(tuned.bestError() <= best * 1.02 + 1e-9, "tuned " + tuned.bestShift() + " (" + tuned.bestError()
                + ") against brute force " + bestShift + " (" + best + ")");
    }

    @Test
    void aStochasticSamplerIsRefused() {
        RunException e = assertThrows(RunException.class, () -> new ShiftTune.Task(new ModelSource.EmbeddedClips(8, 8, null), 2, 6,
                GridConvention.EULER_SIGMAS, settings(SamplerKind.RENOISE), List.of(1L)));
        assertTrue(e.getMessage().startsWith("sampler:"), e.getMessage());
    }
}
