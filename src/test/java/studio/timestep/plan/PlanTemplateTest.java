package studio.timestep.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.SigmaGrid;

class PlanTemplateTest {
    /** A hand-checkable grid: S steps of 1/S (flow shift 1, euler-sigmas). */
    static SigmaGrid linear(int steps) {
        return new FlowShiftCurve(1).sigmaGrid(steps, GridConvention.EULER_SIGMAS);
    }

    static double[][] matrix(TimestepPlan p) {
        double[][] m = new double[p.rows()][p.frames()];
        for (int r = 0; r < p.rows(); r++) {
            for (int f = 0; f < p.frames(); f++) {
                m[r][f] = p.sigma(r, f);
            }
        }
        return m;
    }

    static void assertMatrix(double[][] expected, TimestepPlan p) {
        assertEquals(expected.length, p.rows(), "rows");
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], matrix(p)[r], 1e-12, "row " + r);
        }
    }

    @Test
    void skyreelsSynchronousWindowCase() {
        SigmaGrid g = linear(3);
        double s0 = g.sigma(0), s1 = g.sigma(1), s2 = g.sigma(2);
        TimestepPlan p = PlanTemplate.SKYREELS_DF.build(Map.of("frames", 4, "base-frames", 4, "ar-step", 1), g);
        // worked by hand from generate_timestep_matrix: indices [1000],[2100],[3210],[4321],[4432],[4443]
        assertMatrix(new double[][] {
            {s0, s0, s0, s0}, {s1, s0, s0, s0}, {s2, s1, s0, s0},
            {0, s2, s1, s0}, {0, 0, s2, s1}, {0, 0, 0, s2}}, p);
        assertEquals(3 + (4 - 0 - 1) * 1, p.rows());
        assertTrue(p.moves(0, 0));
        assertFalse(p.moves(0, 1));
        assertTrue(p.moves(1, 1));
        assertFalse(p.moves(5, 0));
        for (int r = 0; r < p.rows(); r++) {
            assertEquals(0, p.windowStart(r));
            assertEquals(4, p.windowEnd(r));
        }
    }

    @Test
    void skyreelsSlidingWindowCase() {
        SigmaGrid g = linear(2);
        double s0 = g.sigma(0), s1 = g.sigma(1);
        TimestepPlan p = PlanTemplate.SKYREELS_DF.build(Map.of("frames", 4, "base-frames", 2, "ar-step", 1), g);
        assertMatrix(new double[][] {
            {s0, s0, s0, s0}, {s1, s0, s0, s0}, {0, s1, s0, s0}, {0, 0, s1, s0}, {0, 0, 0, s1}}, p);
        int[][] windows = {{0, 2}, {0, 2}, {1, 3}, {2, 4}, {2, 4}};
        for (int r = 0; r < windows.length; r++) {
            assertEquals(windows[r][0], p.windowStart(r), "row " + r);
            assertEquals(windows[r][1], p.windowEnd(r), "row " + r);
        }
        assertTrue(PlanValidator.validate(p, 2).isEmpty(), PlanValidator.validate(p, 2).toString());
    }

    @Test
    void skyreelsRowCountsBlocksAndPrefix() {
        SigmaGrid g = linear(10);
        for (int ar : new int[] {0, 1, 2, 5}) {
            for (int prefix : new int[] {0, 2}) {
                TimestepPlan p = PlanTemplate.SKYREELS_DF.build(Map.of("frames", 12, "base-frames", 12, "ar-step", ar,
                        "block", 2, "prefix", prefix), g);
                int blocks = 6;
                assertEquals(10 + (blocks - prefix / 2 - 1) * ar, p.rows(), "ar " + ar + " prefix " + prefix);
                for (int r = 0; r < p.rows(); r++) {
                    for (int f = 0; f < 12; f += 2) {
                        assertEquals(p.sigma(r, f), p.sigma(r, f + 1), "blocks share a level");
                    }
                }
                for (int f = 0; f < prefix; f++) {
                    assertTrue(p.role(f).isCondition());
                    assertEquals(0, p.sigma(0, f));
                }
            }
        }
        TimestepPlan sync = PlanTemplate.SKYREELS_DF.build(Map.of("frames", 4, "ar-step", 0, "base-frames", 4), g);
        assertEquals(10, sync.rows());
        assertEquals(PlanTemplate.T2V.build(Map.of("frames", 4), g).levels().length, sync.levels().length);
        assertArrayEquals(PlanTemplate.T2V.build(Map.of("frames", 4), g).levels(), sync.levels(), 0);
        assertEquals("ar-step", assertThrows(InvalidParameterException.class, () -> PlanTemplate.SKYREELS_DF.build(
                Map.of("frames", 8, "base-frames", 4, "ar-step", 2), g)).field());
        assertEquals("prefix", assertThrows(InvalidParameterException.class, () -> PlanTemplate.SKYREELS_DF.build(
                Map.of("frames", 4, "prefix", 4), g)).field());
    }

    @Test
    void diffusionForcingPyramid() {
        SigmaGrid g = linear(2);
        double s0 = g.sigma(0), s1 = g.sigma(1);
        TimestepPlan p = PlanTemplate.DF_PYRAMID.build(Map.of("frames", 3, "uncertainty", 1), g);
        // M[m][t] = clip(2 + t - m, 0, 2) → level σ_{2 - M}
        assertMatrix(new double[][] {{s0, s0, s0}, {s1, s0, s0}, {0, s1, s0}, {0, 0, s1}}, p);
    }

    @Test
    void synchronousAndConditionedTemplates() {
        SigmaGrid g = linear(4);
        TimestepPlan t2v = PlanTemplate.T2V.build(Map.of("frames", 3), g);
        for (int r = 0; r < 4; r++) {
            assertArrayEquals(new double[] {g.sigma(r), g.sigma(r), g.sigma(r)}, matrix(t2v)[r], 0);
        }
        TimestepPlan interp = PlanTemplate.INTERPOLATION.build(Map.of("frames", 5), g);
        assertEquals(0, interp.sigma(0, 0));
        assertEquals(0, interp.sigma(0, 4));
        assertEquals(g.sigma(0), interp.sigma(0, 2));
        assertEquals("start.png", interp.role(0).source().path());
        assertEquals("end.png", interp.role(4).source().path());
        TimestepPlan loop = PlanTemplate.LOOP.build(Map.of("frames", 5), g);
        assertEquals(FrameSource.planFrame(0), loop.role(4).source(), "a loop ends on its own first frame");
        assertEquals("start.png", loop.role(0).source().path());

        TimestepPlan t2i = PlanTemplate.T2I_I2V.build(Map.of("frames", 3), g);
        assertEquals(8, t2i.rows());
        assertEquals(1, t2i.windowEnd(0));
        assertTrue(t2i.moves(0, 0));
        assertFalse(t2i.moves(0, 1));
        assertEquals(0, t2i.sigma(4, 0));
        assertEquals(g.sigma(0), t2i.sigma(4, 1));

        TimestepPlan v2v = PlanTemplate.V2V.build(Map.of("frames", 2, "strength", 0.5), g);
        assertEquals(2, v2v.rows());
        assertEquals(0.5, v2v.sigma(0, 0), 1e-12);
        assertEquals("source.mp4", v2v.role(1).source().path());
        assertEquals(1, v2v.role(1).source().frame());

        TimestepPlan pusa = PlanTemplate.MULTIPLIERS.build(Map.of("frames", 3, "multipliers", "0, 0.2"), g);
        assertEquals(0, pusa.sigma(1, 0));
        assertEquals(0.2 * g.sigma(1), pusa.sigma(1, 1), 1e-15);
        assertEquals(g.sigma(1), pusa.sigma(1, 2), 0);
        assertEquals(FrameRole.Mode.SCALED, pusa.role(1).mode());
        assertEquals(FrameRole.Mode.CLEAN, pusa.role(0).mode());
    }

    @Test
    void chunkedTemplates() {
        SigmaGrid g = linear(2);
        TimestepPlan chain = PlanTemplate.I2V_CHAIN.build(Map.of("frames", 3, "segments", 2), g);
        assertEquals(5, chain.frames());
        assertEquals(4, chain.rows());
        assertMatrix(new double[][] {
            {0, 1, 1, 1, 1}, {0, 0.5, 0.5, 1, 1}, {0, 0, 0, 1, 1}, {0, 0, 0, 0.5, 0.5}}, chain);
        assertEquals(2, chain.windowStart(2));
        assertEquals(5, chain.windowEnd(2));

        TimestepPlan longVideo = PlanTemplate.LONG_VIDEO.build(Map.of("chunk", 4, "overlap", 2, "chunks", 2), g);
        assertEquals(6, longVideo.frames());
        assertMatrix(new double[][] {
            {1, 1, 1, 1, 1, 1}, {0.5, 0.5, 0.5, 0.5, 1, 1}, {0, 0, 0, 0, 1, 1}, {0, 0, 0, 0, 0.5, 0.5}}, longVideo);
        assertTrue(PlanValidator.validate(longVideo, 4).isEmpty());
        assertEquals("overlap", assertThrows(InvalidParameterException.class,
                () -> PlanTemplate.LONG_VIDEO.build(Map.of("chunk", 4, "overlap", 4), g)).field());
    }

    @Test
    void diagonalAndStaircase() {
        SigmaGrid g = linear(2);
        TimestepPlan fifo = PlanTemplate.FIFO.build(Map.of("frames", 3, "lag", 1), g);
        assertMatrix(new double[][] {{1, 1, 1}, {0.5, 1, 1}, {0, 0.5, 1}, {0, 0, 0.5}}, fifo);
        assertEquals(0, fifo.windowStart(1));
        assertEquals(2, fifo.windowEnd(1));
        assertEquals(1, fifo.windowStart(2));
        TimestepPlan magi = PlanTemplate.MAGI.build(Map.of("frames", 4, "chunk-width", 2, "in-flight", 2), g);
        assertMatrix(new double[][] {{1, 1, 1, 1}, {0.5, 0.5, 1, 1}, {0, 0, 0.5, 0.5}}, magi);
    }

    @Test
    void promptBlendCrossfadesAndPeaksAtTheBoundary() {
        SigmaGrid g = linear(10);
        TimestepPlan p = PlanTemplate.PROMPT_BLEND.build(Map.of("frames", 21, "boundary", 10, "width", 4,
                "strength", 0.3, "peak", 0.8), g);
        assertEquals(0.8, p.sigma(0, 10), 1e-12);
        assertEquals(0.3, p.sigma(0, 0), 1e-12);
        assertTrue(p.sigma(0, 9) > p.sigma(0, 7));
        assertEquals(1, p.promptWeight(0, 0), 0);
        assertEquals(1, p.promptWeight(20, 1), 0);
        assertEquals(0.5, p.promptWeight(10, 1), 1e-12);
        for (int f = 0; f < 21; f++) {
            assertEquals(1, p.promptWeight(f, 0) + p.promptWeight(f, 1), 1e-12);
            assertEquals(g.sigma(9), p.sigma(p.rows() - 1, f), 1e-12, "all frames finish together");
        }
    }

    @ParameterizedTest
    @EnumSource(PlanTemplate.class)
    void everyTemplateBuildsAValidPlanWithDefaults(PlanTemplate t) {
        SigmaGrid g = new FlowShiftCurve(5).sigmaGrid(20, GridConvention.WAN_UNIPC);
        TimestepPlan p = t.build(Map.of(), g);
        assertTrue(PlanValidator.validate(p, 0).isEmpty(), t + ": " + PlanValidator.validate(p, 0));
        for (int f = 0; f < p.frames(); f++) {
            assertEquals(0, p.finalLevel(f), 0, t + " frame " + f + " ends clean");
        }
    }

    @Test
    void unknownAndOutOfRangeParametersAreNamed() {
        SigmaGrid g = linear(4);
        assertEquals("lag", assertThrows(InvalidParameterException.class,
                () -> PlanTemplate.T2V.build(Map.of("lag", 2), g)).field());
        assertEquals("frames", assertThrows(InvalidParameterException.class,
                () -> PlanTemplate.T2V.build(Map.of("frames", 0), g)).field());
        assertEquals("strength", assertThrows(InvalidParameterException.class,
                () -> PlanTemplate.V2V.build(Map.of("strength", 1.5), g)).field());
        assertEquals("multipliers", assertThrows(InvalidParameterException.class,
                () -> PlanTemplate.MULTIPLIERS.build(Map.of("frames", 2, "multipliers", "0, 2"), g)).field());
    }
}
