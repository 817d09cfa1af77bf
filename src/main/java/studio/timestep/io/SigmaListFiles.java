package studio.timestep.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.schedule.ManualSchedule;

/**
 * Imports a sigma list as a manual schedule: a ComfyUI string, a Python or JSON list, one number a
 * line, or a JSON export of this program (its "sigmas").
 */
public final class SigmaListFiles {
    /** A sigma list of 10,000 steps is about 200 KB. */
    public static final long MAX_BYTES = 1 << 20;
    private SigmaListFiles() {
    }

    public static ManualSchedule parse(String text) {
        String trimmed = text.trim();
        if (!trimmed.startsWith("{")) {
            return ManualSchedule.parse(trimmed);
        }
        try {
            JsonNode sigmas = StrictJson.parseText(trimmed).get("sigmas");
            if (sigmas == null || !sigmas.isArray()) {
                throw new InvalidParameterException("sigmas", "the JSON object has no \"sigmas\" list");
            }
            List<Double> values = new ArrayList<>();
            for (JsonNode v : sigmas) {
                if (!v.isNumber()) {
                    throw new InvalidParameterException("sigmas", "value " + (values.size() + 1) + " is not a number");
                }
                values.add(v.asDouble());
            }
            return new ManualSchedule(values.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new InvalidParameterException("sigmas", "not valid JSON (" + reason + ")");
        }
    }
}
