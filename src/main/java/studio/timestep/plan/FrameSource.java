package studio.timestep.plan;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a frame's content comes from: an image or video file (with the frame index in it), or
 * a frame of this same plan (chaining: a segment continues from another segment's frame).
 */
public record FrameSource(Kind kind, String path, int frame) {
    public enum Kind { IMAGE, VIDEO, PLAN_FRAME }

    private static final Pattern PLAN_FRAME_TEXT = Pattern.compile("(?i)frame\\s+(\\d{1,9})");
    private static final List<String> VIDEO_SUFFIXES = List.of(".mp4", ".webm", ".mov", ".gif", ".avi");

    public FrameSource {
        if (kind != Kind.PLAN_FRAME && (path == null || path.isBlank())) {
            throw new IllegalArgumentException("a file source needs a path");
        }
        if (frame < 0) {
            throw new IllegalArgumentException("frame index must be ≥ 0, got " + frame);
        }
    }

    public static FrameSource image(String path) {
        return new FrameSource(Kind.IMAGE, path, 0);
    }

    public static FrameSource video(String path, int frame) {
        return new FrameSource(Kind.VIDEO, path, frame);
    }

    public static FrameSource planFrame(int frame) {
        return new FrameSource(Kind.PLAN_FRAME, null, frame);
    }

    /**
     * A source as a person types it for plan frame {@code frame}: "frame 3" is that frame of the
     * plan, a video file (.mp4, .webm, .mov, .gif, .avi) gives its frame {@code frame}, any other
     * text is an image file; empty text is no source (null).
     */
    public static FrameSource parse(String text, int frame) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        Matcher m = PLAN_FRAME_TEXT.matcher(t);
        if (m.matches()) {
            return planFrame(Integer.parseInt(m.group(1)));
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (VIDEO_SUFFIXES.stream().anyMatch(lower::endsWith)) {
            return video(t, frame);
        }
        return image(t);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case IMAGE -> path;
            case VIDEO -> path + " #" + frame;
            case PLAN_FRAME -> "frame " + frame;
        };
    }
}
