package studio.timestep.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A run to do, with its columns in a sweep's CSV (the swept parameters; empty for a single run). */
public record RunJob(RunRequest request, Map<String, String> columns) {
    public RunJob {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public static RunJob single(RunRequest request) {
        return new RunJob(request, Map.of());
    }
}
