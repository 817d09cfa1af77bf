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
        JsonNode root = VersionedJson.read(file, Files.readString(file), FORMAT, VERSION);
        try {
            PlanTemplate template = PlanTemplate.fromId(root.path("template").asText(""));
            Map<String, Object> parameters = new LinkedHashMap<>();
            root.path("parameters").fields().forEachRemaining(e -> parameters.put(e.getKey(),
                    e.getValue().isNumber() ? e.getValue().numberValue() : e.getValue().asText()));
            // build once on a small grid so a bad parameter is reported now, not when it is used
            template.build(parameters, new FlowShiftCurve(1).sigmaGrid(50,
                    GridConvention.EULER_SIGMAS));
            return new PlanPreset(root.path("name").asText(template.id()), template, parameters);
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
