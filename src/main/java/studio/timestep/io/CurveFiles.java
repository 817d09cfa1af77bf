package studio.timestep.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.CurveWorkspace;
import studio.timestep.schedule.ExpertBoundary;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.ScheduleFactory;
import studio.timestep.schedule.StepSchedule;

/**
 * Curve files: a workspace or a preset, both the same JSON document
 * {"format": "timestep-studio/curves", "version": 1, "curves": [{name, visible, convention, steps,
 * schedule: {type, ...}}]}. Reading checks everything and reports the first problem with its
 * JSON path; writing is atomic.
 */
public final class CurveFiles {
    public static final String FORMAT = "timestep-studio/curves";
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CurveFiles() {
    }

    public static void write(Path file, CurveWorkspace workspace) throws IOException {
        AtomicFiles.writeString(file, toJson(workspace));
    }

    public static String toJson(CurveWorkspace workspace) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        if (workspace.boundary() != null) {
            root.put("boundary", workspace.boundary().value());
        }
        ArrayNode curves = root.putArray("curves");
        for (CurveSetup c : workspace.curves()) {
            ObjectNode n = curves.addObject();
            n.put("name", c.name());
            n.put("visible", c.visible());
            n.put("convention", c.convention().id());
            n.put("steps", c.steps());
            n.set("schedule", MAPPER.valueToTree(c.schedule().describe()));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static CurveWorkspace read(Path file) throws IOException, FileFormatException {
        return parse(file, StrictJson.readText(file, VersionedJson.MAX_BYTES));
    }

    /** Schedule fields that are text; every other one is a number or a list of numbers. */
    private static final Set<String> TEXT_FIELDS = Set.of("type", "time-shift", "cdf", "sigmas");

    /** Parses the text of a curve file; {@code file} names it in messages. */
    public static CurveWorkspace parse(Path file, String text) throws FileFormatException {
        JsonNode root = VersionedJson.read(file, text, FORMAT, VERSION);
        JsonNode curves = root.get("curves");
        if (curves == null || !curves.isArray() || curves.isEmpty()) {
            throw new FileFormatException(file, "curves", "expected a list of at least one curve");
        }
        if (curves.size() > CurveWorkspace.MAX_CURVES) {
            throw new FileFormatException(file, "curves", curves.size() + " curves; a workspace holds at most "
                    + CurveWorkspace.MAX_CURVES);
        }
        List<CurveSetup> setups = new ArrayList<>();
        for (int i = 0; i < curves.size(); i++) {
            setups.add(curve(file, "curves[" + i + "]", curves.get(i)));
        }
        ExpertBoundary boundary = null;
        if (root.has("boundary")) {
            double b = new JsonFields(file).number(root.get("boundary"), "boundary");
            try {
                boundary = new ExpertBoundary(b);
            } catch (InvalidParameterException e) {
                throw new FileFormatException(file, "boundary", e.detail());
            }
        }
        return new CurveWorkspace(setups, boundary);
    }

    private static CurveSetup curve(Path file, String at, JsonNode n) throws FileFormatException {
        JsonFields in = new JsonFields(file);
        in.object(n, at);
        String name = in.text(n, "name", at + ".name", "");
        boolean visible = in.bool(n, "visible", at + ".visible", true);
        String conventionId = in.text(n, "convention", at + ".convention", "euler-sigmas");
        JsonNode scheduleNode = n.get("schedule");
        if (scheduleNode != null && scheduleNode.isObject()) {
            for (var field : (Iterable<Map.Entry<String, JsonNode>>) scheduleNode::fields) {
                JsonNode v = field.getValue();
                boolean text = TEXT_FIELDS.contains(field.getKey());
                if (text ? !(v.isTextual() || field.getKey().equals("sigmas") && v.isArray()) : !(v.isNumber() || v.isArray())) {
                    throw in.error(at + ".schedule." + field.getKey(), "expected " + (text ? "text" : "a number") + ", got "
                            + JsonFields.describe(v));
                }
            }
        }
        String field = "schedule";
        try {
            JsonNode schedule = scheduleNode;
            if (schedule == null || !schedule.isObject()) {
                throw new InvalidParameterException("schedule", "expected an object with a \"type\"");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> description = MAPPER.convertValue(schedule, Map.class);
            StepSchedule s = ScheduleFactory.fromDescription(description);
            field = "";
            GridConvention convention = GridConvention.fromId(conventionId);
            int stepCount = in.integer(n, "steps", at + ".steps", 1, 10_000, s.fixedSteps().orElse(50));
            return new CurveSetup(name, s, convention, stepCount, visible);
        } catch (InvalidParameterException e) {
            String path = at + "." + (field.isEmpty() ? "" : field + ".") + e.field();
            throw new FileFormatException(file, path, e.detail());
        }
    }
}
