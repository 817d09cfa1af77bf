package studio.timestep.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FrameSourceTest {
    @Test
    void typedSourcesAreAPlanFrameAVideoFrameOrAnImage() {
        assertEquals(FrameSource.planFrame(3), FrameSource.parse(" Frame 3 ", 7));
        assertEquals(FrameSource.video("clip.MP4", 7), FrameSource.parse("clip.MP4", 7), "a video gives the frame's own index");
        assertEquals(FrameSource.video("loop.gif", 2), FrameSource.parse("loop.gif", 2));
        assertEquals(FrameSource.image("start.png"), FrameSource.parse("start.png", 7));
        assertEquals(FrameSource.image("frame 3b"), FrameSource.parse("frame 3b", 0), "not the plan-frame form: a file name");
        assertNull(FrameSource.parse("  ", 0));
    }

    @Test
    void rolesByName() {
        FrameSource s = FrameSource.image("a.png");
        assertEquals(FrameRole.GENERATE, FrameRole.named("generate", 0.5, null));
        assertEquals(FrameRole.generateFrom(s), FrameRole.named("generate", 0.5, s));
        assertEquals(FrameRole.clean(s), FrameRole.named("condition clean", 0.5, s));
        assertEquals(FrameRole.fixedLevel(0.3, s), FrameRole.named("condition fixed level", 0.3, s));
        assertEquals(FrameRole.scaled(0.2, s), FrameRole.named("condition scaled", 0.2, s));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameRole.named("hold", 0, s));
        assertEquals("no role 'hold'; the roles are generate, condition clean, condition fixed level, condition scaled",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FrameRole.named("condition scaled", 1.5, s));
    }
}
