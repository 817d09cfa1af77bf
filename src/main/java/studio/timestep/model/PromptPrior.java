package studio.timestep.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a prompt selects clips: each prompt word found in a clip's caption adds {@link #STRENGTH}
 * to that clip's log prior, so "red ball" favours red balls and still allows red squares; the
 * empty prompt is the uniform prior (the unconditional model).
 */
public final class PromptPrior {
    /** Log-prior gain per matching word: e³ ≈ 20 times more likely per word. */
    public static final double STRENGTH = 3.0;

    private PromptPrior() {
    }

    public static double[] logPrior(String prompt, List<String> captions) {
        Set<String> words = words(prompt);
        double[] log = new double[captions.size()];
        for (int i = 0; i < log.length; i++) {
            Set<String> caption = words(captions.get(i));
            long matches = words.stream().filter(caption::contains).count();
            log[i] = STRENGTH * matches;
        }
        double max = Arrays.stream(log).max().orElse(0);
        double sum = Arrays.stream(log).map(v -> Math.exp(v - max)).sum();
        double norm = max + Math.log(sum);
        for (int i = 0; i < log.length; i++) {
            log[i] -= norm;
        }
        return log;
    }

    static Set<String> words(String text) {
        return text == null ? Set.of() : Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                .filter(w -> !w.isEmpty()).collect(Collectors.toSet());
    }
}
