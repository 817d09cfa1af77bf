package studio.timestep.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.sampling.SamplerKind;
import studio.timestep.schedule.CurveSetup;

class OptimalStepsTest {
    private static final RunModels MODELS = new RunModels();

    private static RunRequest teacher(int steps) {
        CurveSetup base = RunLabelsTest.flow(3, steps);
        return new RunRequest(PlanTemplate.T2V.build(Map.of("frames", 2), base.grid()), new PlanOrigin("t2v", base),
                RunLabelsTest.CLIPS, RunLabelsTest.settings(SamplerKind.EULER, 3));
    }

    @Test
    void withAsManyStepsAsTheTeacherItIsTheTeachersOwnGrid() {
        RunRequest t = teacher(12);
        OptimalSteps.Result r = OptimalSteps.search(t, 12, MODELS);
        assertArrayEquals(IntStream.rangeClosed(0, 12).toArray(), r.indices());
        assertArrayEquals(t.plan().baseSigmas(), r.sigmas(), 0);
        assertEquals(0, r.cost(), 1e-9, "the teacher's own Euler steps reproduce the teacher");
    }

    @Test
    void fewerStepsCostNoMoreThanTheUniformSubset() {
        OptimalSteps.Result r = OptimalSteps.search(teacher(30), 5, MODELS);
        assertEquals(6, r.indices().length);
        assertEquals(0, r.indices()[0]);
        assertEquals(30, r.indices()[5]);
        for (int n = 1; n < r.indices().length; n++) {
            assertTrue(r.indices()[n] > r.indices()[n - 1]);
        }
        assertEquals(0, r.sigmas()[5]);
        assertTrue(r.cost() <= r.uniformCost() + 1e-12, r.cost() + " vs uniform " + r.uniformCost());
    }

    @Test
    void theProgrammeFindsTheCheapestPath() {
        // four levels; jumping 0 → 2 is cheap, everything else through 1 is dear
        double[][] cost = new double[4][4];
        for (double[] row : cost) {
            Arrays.fill(row, 10);
        }
        cost[0][2] = 1;
        cost[2][3] = 1;
        OptimalSteps.Result r = OptimalSteps.choose(new double[] {1, 0.7, 0.4, 0}, cost, 2);
        assertArrayEquals(new int[] {0, 2, 3}, r.indices());
        assertEquals(2, r.cost());
        assertThrows(RunException.class, () -> OptimalSteps.search(teacher(4), 5, MODELS));
    }
}
