package studio.timestep.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import studio.timestep.run.WindowStart;

class StartTimingTest {
    @AfterEach
    void clear() {
        System.clearProperty(WindowStart.PROPERTY);
    }

    @Test
    void anUntimedStartKeepsItsWarmUpAsItIs() {
        Runnable warmUp = () -> { };
        assertFalse(StartTiming.blank());
        assertSame(warmUp, StartTiming.around(warmUp));
    }

    @Test
    void aTimedStartShowsTheProductWindowAndWrapsItsWarmUp() {
        System.setProperty(WindowStart.PROPERTY, WindowStart.TIMED);
        Runnable warmUp = () -> { };
        assertFalse(StartTiming.blank());
        assertNotSame(warmUp, StartTiming.around(warmUp));
    }

    @Test
    void theYardstickIsAskedForByName() {
        System.setProperty(WindowStart.PROPERTY, WindowStart.BLANK);
        assertTrue(StartTiming.blank());
    }
}
