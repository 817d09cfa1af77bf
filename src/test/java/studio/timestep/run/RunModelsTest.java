package studio.timestep.run;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import studio.timestep.model.LoadedModel;

class RunModelsTest {
    static final ModelSource CLIPS = new ModelSource.EmbeddedClips(4, 8, null);

    @Test
    void aFrameCountUsedAgainIsKeptAndTheLeastRecentOneGoes() {
        RunModels models = new RunModels();
        LoadedModel one = models.model(CLIPS, 1);
        LoadedModel two = models.model(CLIPS, 2);
        for (int frames = 3; frames <= RunModels.MAX_SHAPES; frames++) {
            models.model(CLIPS, frames);
        }
        assertSame(one, models.model(CLIPS, 1), "used again: now the most recent");
        models.model(CLIPS, RunModels.MAX_SHAPES + 1);
        assertSame(one, models.model(CLIPS, 1));
        assertNotSame(two, models.model(CLIPS, 2), "2 was the least recently used: loaded anew");
    }

    @Test
    void theLeastRecentlyUsedFrameCountIsDropped() {
        RunModels models = new RunModels();
        LoadedModel first = models.model(CLIPS, 1);
        for (int frames = 2; frames <= RunModels.MAX_SHAPES + 1; frames++) {
            models.model(CLIPS, frames);
        }
        assertNotSame(first, models.model(CLIPS, 1), "frame count 1 was the least recently used of five: loaded anew");
    }
}
