package studio.timestep.plan;

/**
 * Where a frame's content comes from: an image or video file (with the frame index in it), or
 * a frame of this same plan (chaining: a segment continues from another segment's frame).
 */
public record FrameSource(Kind kind, String path, int frame) {
    public enum Kind { IMAGE, VIDEO, PLAN_FRAME }

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

    @Override
    public String toString() {
        return switch (kind) {
            case IMAGE -> path;
            case VIDEO -> path + " #" + frame;
            case PLAN_FRAME -> "frame " + frame;
        };
    }
}
