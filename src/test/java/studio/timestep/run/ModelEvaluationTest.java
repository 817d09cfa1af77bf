package studio.timestep.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import studio.timestep.model.AnalyticFlowModel;
import studio.timestep.model.ClipCollection;
import studio.timestep.model.MovingShapeClips;

class ModelEvaluationTest {
    static final ClipCollection CLIPS = MovingShapeClips.generate(12, 6, 16, 3);

    @Test
    void aTrainingClipIsItsOwnNearestClipWithItsCaptionsColourAndStraightMotion() {
        for (int i = 0; i < CLIPS.size(); i++) {
            ModelEvaluation.SampleMeasures m = ModelEvaluation.measure(CLIPS.clip(i), CLIPS);
            assertEquals(i, m.nearestClip());
            assertEquals(0, m.nearestClipRms(), 1e-6);
            assertTrue(CLIPS.captions().get(i).startsWith(m.colour() + " "), m.colour() + " for " + CLIPS.captions().get(i));
            assertTrue(m.shapeFraction() > 0 && m.shapeFraction() < 0.5, "shape " + m.shapeFraction());
        }
    }

    @Test
    void framesOutOfOrderMoveWithMoreJerkThanTheClip() {
        INDArray clip = CLIPS.clip(3);
        INDArray shuffled = Nd4j.concat(0, clip.get(NDArrayIndex.indices(0, 2, 1, 4, 3, 5)));
        double smooth = ModelEvaluation.measure(clip, CLIPS).centroidJerk();
        double jerky = ModelEvaluation.measure(shuffled, CLIPS).centroidJerk();
        assertTrue(jerky > 3 * smooth, smooth + " → " + jerky);
    }

    @Test
    void theExactModelHasNoLossOnItsOwnClipsAtLowNoiseAndALargeOneOnOthers() {
        AnalyticFlowModel exact = new AnalyticFlowModel(CLIPS);
        double[] own = ModelEvaluation.lossBySigma(exact, CLIPS, 4, new double[] {0.05, 0.9}, 1);
        ClipCollection others = MovingShapeClips.generate(4, 6, 16, 77);
        double[] held = ModelEvaluation.lossBySigma(exact, others, 4, new double[] {0.05, 0.9}, 1);
        assertEquals(0, own[0], 1e-3, "memorised: x0 is recovered exactly at σ = 0.05");
        assertTrue(held[0] > 1, "an unseen clip is pulled to a training clip: " + held[0]);
    }

    @Test
    void theLongestStretchBelowAFloorIsCounted() {
        assertEquals(3, ModelEvaluation.longestRunBelow(new double[] {1, 0, 0, 1, 0, 0, 0, 1, 0}, 1e-4));
        assertEquals(0, ModelEvaluation.longestRunBelow(new double[] {1, 2}, 1e-4));
    }
}
