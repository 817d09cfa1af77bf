package studio.timestep.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.schedule.ManualSchedule;

/**
 * Imports a sigma list as a manual schedule: a ComfyUI string, a Python or JSON list, one number a
 * line, or a JSON export of this program (its "sigmas").
 */
public final class SigmaListFiles {
    private SigmaListFiles() {
    }

    public static ManualSchedule parse(String text) {
        String trimmed = text.trim();
        if (!trimmed.startsWith("{")) {
            return ManualSchedule.parse(trimmed);
        }
        try {
            JsonNode sigmas = new ObjectMapper().readTree(trimmed).get("sigmas");
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
            throw new InvalidParameterException("sigmas", "not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }
}
