package studio.timestep.plan;

import java.util.List;

/**
 * What a frame is in a plan. A generated frame starts from noise, or from a source noised to
 * its start level (V2V). A condition frame is held: clean (σ = 0, FVDM/Wan2.2 TI2V), at a fixed
 * level the model sees with fresh noise each row while the stored latent stays clean (SkyReels
 * {@code addnoise_condition}), or scaled to m·σ of the row (Pusa noise multipliers).
 *
 * @param value the fixed level a (FIXED_LEVEL) or the multiplier m (SCALED); 0 otherwise
 */
public record FrameRole(Kind kind, Mode mode, double value, FrameSource source) {
    public enum Kind { GENERATE, CONDITION }

    public enum Mode { NONE, CLEAN, FIXED_LEVEL, SCALED }

    public static final FrameRole GENERATE = new FrameRole(Kind.GENERATE, Mode.NONE, 0, null);

    /** The roles a person picks by name, as the plan editor lists them. */
    public static final List<String> NAMES = List.of("generate", "condition clean", "condition fixed level",
            "condition scaled");

    public FrameRole {
        if ((kind == Kind.GENERATE) != (mode == Mode.NONE)) {
            throw new IllegalArgumentException("a generated frame has no condition mode, a condition frame has one");
        }
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("level or multiplier must be in [0, 1], got " + value);
        }
    }

    public static FrameRole generateFrom(FrameSource source) {
        return new FrameRole(Kind.GENERATE, Mode.NONE, 0, source);
    }

    public static FrameRole clean(FrameSource source) {
        return new FrameRole(Kind.CONDITION, Mode.CLEAN, 0, source);
    }

    public static FrameRole fixedLevel(double level, FrameSource source) {
        return new FrameRole(Kind.CONDITION, Mode.FIXED_LEVEL, level, source);
    }

    public static FrameRole scaled(double multiplier, FrameSource source) {
        return new FrameRole(Kind.CONDITION, Mode.SCALED, multiplier, source);
    }

    /**
     * The role called {@code name} (one of {@link #NAMES}) with its level or multiplier
     * {@code value} (used by the fixed-level and scaled conditions) and {@code source} (may be null).
     */
    public static FrameRole named(String name, double value, FrameSource source) {
        return switch (name) {
            case "generate" -> source == null ? GENERATE : generateFrom(source);
            case "condition clean" -> clean(source);
            case "condition fixed level" -> fixedLevel(value, source);
            case "condition scaled" -> scaled(value, source);
            default -> throw new IllegalArgumentException("no role '" + name + "'; the roles are " + String.join(", ", NAMES));
        };
    }

    public boolean isCondition() {
        return kind == Kind.CONDITION;
    }

    public FrameRole withSource(FrameSource s) {
        return new FrameRole(kind, mode, value, s);
    }

    /** Short text for tooltips: "generate", "condition clean ← a.png", "condition m=0.2". */
    public String describe() {
        String what = switch (mode) {
            case NONE -> "generate";
            case CLEAN -> "condition clean";
            case FIXED_LEVEL -> "condition at level " + value;
            case SCALED -> "condition m=" + value;
        };
        return source == null ? what : what + " ← " + source;
    }
}
