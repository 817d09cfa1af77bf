package studio.timestep.ui;

import java.util.List;
import java.util.Map;

/**
 * What the parameter pane shows for each schedule type: the fields, the range their slider
 * covers (typed values may go beyond it, within the core's own range) and a tooltip with the
 * formula the field enters.
 */
final class ParameterFields {
    enum Kind { SLIDER, INTEGER, CHOICE, TEXT }

    record Field(String key, String label, Kind kind, double sliderMin, double sliderMax, List<String> choices,
                 String tooltip) {
        static Field slider(String key, String label, double min, double max, String tooltip) {
            return new Field(key, label, Kind.SLIDER, min, max, List.of(), tooltip);
        }

        static Field integer(String key, String label, String tooltip) {
            return new Field(key, label, Kind.INTEGER, 0, 0, List.of(), tooltip);
        }

        static Field choice(String key, String label, List<String> choices, String tooltip) {
            return new Field(key, label, Kind.CHOICE, 0, 0, choices, tooltip);
        }

        static Field text(String key, String label, String tooltip) {
            return new Field(key, label, Kind.TEXT, 0, 0, List.of(), tooltip);
        }
    }

    private static final Map<String, List<Field>> BY_TYPE = Map.of(
            "flow-shift", List.of(Field.slider("shift", "shift s", 0.1, 20,
                    "g(u) = s·u / (1 + (s−1)·u)\ng'(0) = s, g'(1) = 1/s; s = 1 is the identity.\nAllowed: [0.01, 100]")),
            "dynamic", List.of(
                    Field.choice("time-shift", "time shift", List.of("exponential", "linear"),
                            "exponential: e^μ / (e^μ + (1/u − 1))  (= flow shift e^μ)\n"
                                    + "linear: μ / (μ + (1/u − 1))  (= flow shift μ)"),
                    Field.slider("mu", "μ", -3, 5, "Exponential: μ in [−10, 10]; linear: μ in (0, 100]."),
                    Field.integer("seq-len", "tokens", "μ = tokens·m + b, FLUX/SD3 calculate_shift:\n"
                            + "m = (1.15 − 0.5)/(4096 − 256), b = 0.5 − 256·m"),
                    Field.text("wan-video", "Wan video", "Frames×height×width of a Wan2.1 video, e.g. 81x480x832:\n"
                            + "tokens = (1 + (F−1)/4)·(H/16)·(W/16)")),
            "lorentz", List.of(Field.slider("shift", "shift s", 1, 20,
                    "g(u) = ½·(1 + atan(k·(2u−1)) / atan k), k = √(s²−1)\n"
                            + "slope at the centre / slope at the ends = s²; s = 1 is the identity.\nAllowed: [1, 100]")),
            "cdf", List.of(
                    Field.choice("cdf", "CDF", List.of("logistic", "gaussian", "t2", "sech", "lorentz", "uniform",
                            "softsign"), "The distribution F whose CDF shapes the curve."),
                    Field.slider("k", "steepness k", 0.01, 20,
                            "g(u) = (F(2k(u−c)) − F(−2kc)) / (F(2k(1−c)) − F(−2kc))\nAllowed: [0.01, 50]"),
                    Field.slider("center", "centre c", 0.01, 0.99, "Where the curve is steepest. Allowed: (0, 1)")),
            "drawn", List.of(),
            "linear-quadratic", List.of(
                    Field.slider("threshold", "threshold θ", 0.001, 0.3,
                            "Movie Gen: L linear steps up to θ, then a quadratic to 1; σ = 1 − a.\nAllowed: (0, 1)"),
                    Field.integer("linear-steps", "linear steps L", "0 = steps/2")),
            "manual", List.of(),
            "timestep-list", List.of(
                    Field.text("timesteps", "timesteps", "The training timesteps of a step-distilled model, falling, "
                            + "e.g. 1000, 750, 500, 250\n(lightx2v / Lightning, Self-Forcing; CausVid uses 1000, 757, 522 "
                            + "unwarped)"),
                    Field.slider("shift", "warp shift s", 1, 12, "t' = 1000·s·x / (1 + (s−1)·x), x = t/1000: each "
                            + "timestep warped as the shifted 1000-step grid does.\nσ = t'/1000; s = 1 uses the list as "
                            + "it is. Allowed: [0.01, 100]")),
            "two-stage", List.of(
                    Field.slider("split", "split σ", 0.05, 0.95, "Where stage 1 (from σ = 1) hands over to stage 2 (to 0), "
                            + "in σ — as Wan2.2 switches experts where 1000·σ falls below its boundary (T2V 0.875, I2V 0.9). "
                            + "Allowed: (0, 1)"),
                    Field.slider("high-shift", "stage 1 shift", 0.1, 20, "Flow shift of stage 1 over [split, 1]: "
                            + "σ = split + (1 − split)·s·u / (1 + (s−1)·u), u from 1 to 0. Allowed: [0.01, 100]"),
                    Field.integer("high-steps", "stage 1 steps", "Steps from σ = 1 to the split (1 to 1000)"),
                    Field.slider("low-shift", "stage 2 shift", 0.1, 20, "Flow shift of stage 2 over [0, split]: "
                            + "σ = split·s·u / (1 + (s−1)·u). Allowed: [0.01, 100]"),
                    Field.integer("low-steps", "stage 2 steps", "Steps from the split to σ = 0 (1 to 1000)")));

    private ParameterFields() {
    }

    static List<Field> of(String type) {
        return BY_TYPE.getOrDefault(type, List.of());
    }
}
