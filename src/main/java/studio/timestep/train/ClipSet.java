package studio.timestep.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import studio.timestep.model.ClipCollection;
import studio.timestep.model.ClipFolder;
import studio.timestep.model.MovingShapeClips;
import studio.timestep.param.InvalidParameterException;

/** The clips a tiny model trains on: the embedded collection, or a folder of the user's clips, at 16 frames of 32×32. */
public final class ClipSet {
    public static final String EMBEDDED = "embedded";

    private ClipSet() {
    }

    public static ClipCollection load(String clips) {
        if (clips.equals(EMBEDDED)) {
            return MovingShapeClips.embedded(MovingShapeClips.DEFAULT_FRAMES);
        }
        Path dir = Path.of(clips);
        if (!Files.isDirectory(dir)) {
            throw new InvalidParameterException("clips", clips + " is neither 'embedded' nor a folder");
        }
        try {
            return ClipFolder.load(dir, MovingShapeClips.DEFAULT_FRAMES, MovingShapeClips.DEFAULT_SIZE);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidParameterException("clips", dir + ": " + e.getMessage());
        }
    }
}
