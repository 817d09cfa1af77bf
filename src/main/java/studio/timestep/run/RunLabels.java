package studio.timestep.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Labels runs shown together by what distinguishes them: every trait whose value is not the
 * same for all of them (a FIFO run beside a t2v run is labelled by its template, a sweep's runs by
 * the swept parameters). A run alone, or runs that differ in nothing, are labelled by
 * {@link #SUMMARY}.
 */
public final class RunLabels {
    /** The traits that say what a run is when nothing sets it apart from others. */
    static final List<String> SUMMARY = List.of("template", "curve", "steps", "shift", "frames", "sampler");
    /** Traits shown by their value alone; the others read key=value. */
    private static final Set<String> BARE = Set.of("template", "curve", "sampler", "model", "prompt");

    private RunLabels() {
    }

    /** One label per run, in order. */
    public static List<String> of(List<Map<String, String>> traits) {
        Set<String> keys = new LinkedHashSet<>();
        traits.forEach(t -> keys.addAll(t.keySet()));
        List<String> differing = new ArrayList<>();
        for (String k : keys) {
            String first = traits.get(0).get(k);
            if (traits.stream().anyMatch(t -> !Objects.equals(t.get(k), first))) {
                differing.add(k);
            }
        }
        List<String> shown = differing.isEmpty() ? SUMMARY : differing;
        List<String> labels = new ArrayList<>();
        for (Map<String, String> t : traits) {
            List<String> parts = new ArrayList<>();
            for (String k : shown) {
                String v = t.get(k);
                if (v != null) {
                    parts.add(BARE.contains(k) ? v : k + "=" + v);
                }
            }
            labels.add(parts.isEmpty() ? "run" : String.join(", ", parts));
        }
        return labels;
    }

    /** The label of one run on its own. */
    public static String of(Map<String, String> traits) {
        return of(List.of(traits)).get(0);
    }
}
