package studio.timestep.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;

/**
 * Plan presets: a template with its parameters, built on whatever base curve is chosen —
 * {"format": "timestep-studio/plan-template", "version": 1, "name": ..., "template": ...,
 * "parameters": {...}}. The shipped ones live in {@code presets/plans/}.
 */
public final class PlanPresets {
    public static final String FORMAT = "timestep-studio/plan-template";
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A named template with parameter values. */
    public record PlanPreset(String name, PlanTemplate template, Map<String, Object> parameters) {
    }

    private PlanPresets() {
    }

    public static void write(Path file, PlanPreset preset) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("name", preset.name());
        root.put("template", preset.template().id());
        root.set("parameters", MAPPER.valueToTree(preset.parameters()));
        AtomicFiles.writeString(file, MAPPER.writeValueAsString(root) + "\n");
    }

    public static PlanPreset read(Path file) throws IOException, FileFormatException {
        JsonNode root = VersionedJson.read(file, FORMAT, VERSION);
        JsonFields in = new JsonFields(file);
        String templateId = in.text(root, "template", "template", null);
        String name = in.text(root, "name", "name", "");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (root.has("parameters")) {
            for (var e : (Iterable<Map.Entry<String, JsonNode>>) in.object(root.get("parameters"), "parameters")::fields) {
                JsonNode v = e.getValue();
                if (!v.isNumber() && !v.isTextual()) {
                    throw in.error("parameters." + e.getKey(), "expected a number or text, got " + JsonFields.describe(v));
                }
                parameters.put(e.getKey(), v.isNumber() ? v.numberValue() : v.asText());
            }
        }
        try {
            PlanTemplate template = PlanTemplate.fromId(templateId);
            // build once on a small grid so a bad parameter is reported now, not when it is used
            template.build(parameters, new FlowShiftCurve(1).sigmaGrid(50,
                    GridConvention.EULER_SIGMAS));
            return new PlanPreset(name.isBlank() ? template.id() : name, template, parameters);
        } catch (InvalidParameterException e) {
            throw new FileFormatException(file, e.field().equals("template") ? "template" : "parameters." + e.field(),
                    e.detail());
        }
    }

    /** The presets in a folder that load, and one line for each file that does not. */
    public static List<PlanPreset> list(Path dir, List<String> problems) {
        List<PlanPreset> presets = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return presets;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try {
                    presets.add(read(f));
                } catch (IOException | FileFormatException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add("cannot list " + dir + ": " + e.getMessage());
        }
        return presets;
    }
}
