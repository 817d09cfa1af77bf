package studio.timestep.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run to do, with its columns in a sweep's CSV (the swept parameters; empty for a single run),
 * and the step cache it runs under (null: none).
 */
public record RunJob(RunRequest request, Map<String, String> columns, StepCacheChoice cache) {
    public RunJob {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public RunJob(RunRequest request, Map<String, String> columns) {
        this(request, columns, null);
    }

    public static RunJob single(RunRequest request) {
        return new RunJob(request, Map.of());
    }

    /** The request under a step cache. */
    public static RunJob cached(RunRequest request, StepCacheChoice cache) {
        return new RunJob(request, Map.of(), cache);
    }

    /** The request's traits, and the cache's. */
    public Map<String, String> traits() {
        Map<String, String> t = new LinkedHashMap<>(request.traits());
        if (cache != null) {
            t.put("cache", cache.describe());
        }
        return t;
    }
}
