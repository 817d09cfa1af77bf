package studio.timestep.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import studio.timestep.plan.FrameRole;
import studio.timestep.plan.FrameSource;
import studio.timestep.plan.PlanStage;
import studio.timestep.plan.TimestepPlan;

/**
 * Plan files: {"format": "timestep-studio/plan", "version": 1, "rows": R, "frames": F,
 * "sigma": [R rows of F], "final": [F], "update": [R rows of F booleans, derived], "window":
 * [R pairs], "roles": [...], "prompts": [...], "promptWeights": [F rows], "stages": [...],
 * "base": [N+1]}. Reading reports the first problem with its location and builds nothing
 * until everything checked out.
 */
public final class PlanFiles {
    public static final String FORMAT = "timestep-studio/plan";
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final RowPerLinePrinter PRINTER = new RowPerLinePrinter(
            Set.of("sigma", "update", "window", "roles", "promptWeights", "stages"));

    private PlanFiles() {
    }

    public static void write(Path file, TimestepPlan plan) throws IOException {
        AtomicFiles.writeString(file, toJson(plan));
    }

    /** One line per field and per matrix row, readable and diffable. */
    public static String toJson(TimestepPlan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("rows", plan.rows());
        root.put("frames", plan.frames());
        ArrayNode sigma = root.putArray("sigma");
        ArrayNode update = root.putArray("update");
        ArrayNode window = root.putArray("window");
        for (int r = 0; r < plan.rows(); r++) {
            ArrayNode row = sigma.addArray();
            ArrayNode moves = update.addArray();
            for (int f = 0; f < plan.frames(); f++) {
                row.add(plan.sigma(r, f));
                moves.add(plan.moves(r, f));
            }
            window.addArray().add(plan.windowStart(r)).add(plan.windowEnd(r));
        }
        ArrayNode fin = root.putArray("final");
        for (int f = 0; f < plan.frames(); f++) {
            fin.add(plan.finalLevel(f));
        }
        ArrayNode roles = root.putArray("roles");
        for (int f = 0; f < plan.frames(); f++) {
            FrameRole role = plan.role(f);
            if (role.equals(FrameRole.GENERATE)) {
                continue;
            }
            ObjectNode n = roles.addObject();
            n.put("frame", f);
            n.put("role", role.kind().name().toLowerCase(Locale.ROOT));
            if (role.isCondition()) {
                n.put("mode", role.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                n.put("value", role.value());
            }
            if (role.source() != null) {
                ObjectNode s = n.putObject("source");
                s.put("kind", role.source().kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                if (role.source().path() != null) {
                    s.put("path", role.source().path());
                }
                s.put("frame", role.source().frame());
            }
        }
        ArrayNode prompts = root.putArray("prompts");
        plan.prompts().forEach(prompts::add);
        ArrayNode weights = root.putArray("promptWeights");
        for (int f = 0; f < plan.frames(); f++) {
            ArrayNode w = weights.addArray();
            for (int p = 0; p < plan.prompts().size(); p++) {
                w.add(plan.promptWeight(f, p));
            }
        }
        ArrayNode stages = root.putArray("stages");
        for (PlanStage s : plan.stages()) {
            stages.addObject().put("name", s.name()).put("firstRow", s.firstRow()).put("endRow", s.endRow())
                    .put("scale", s.scale());
        }
        ArrayNode base = root.putArray("base");
        for (double b : plan.baseSigmas()) {
            base.add(b);
        }
        try {
            return MAPPER.writer(PRINTER).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TimestepPlan read(Path file) throws IOException, FileFormatException {
        return parse(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    public static TimestepPlan parse(Path file, String text) throws FileFormatException {
        JsonNode root = VersionedJson.read(file, text, FORMAT, VERSION);
        Reader in = new Reader(file);
        int rows = in.count(root, "rows");
        int frames = in.count(root, "frames");
        TimestepPlan.Builder b = TimestepPlan.builder(rows, frames);
        JsonNode sigma = in.array(root.get("sigma"), "sigma", rows);
        for (int r = 0; r < rows; r++) {
            JsonNode row = in.array(sigma.get(r), "sigma[" + r + "]", frames);
            for (int f = 0; f < frames; f++) {
                b.sigma(r, f, in.number(row.get(f), "sigma[" + r + "][" + f + "]"));
            }
        }
        JsonNode fin = in.array(root.get("final"), "final", frames);
        for (int f = 0; f < frames; f++) {
            b.finalLevel(f, in.number(fin.get(f), "final[" + f + "]"));
        }
        if (root.has("window")) {
            JsonNode window = in.array(root.get("window"), "window", rows);
            for (int r = 0; r < rows; r++) {
                JsonNode w = in.array(window.get(r), "window[" + r + "]", 2);
                int start = (int) in.number(w.get(0), "window[" + r + "][0]");
                int end = (int) in.number(w.get(1), "window[" + r + "][1]");
                if (start < 0 || end > frames || start > end) {
                    throw new FileFormatException(file, "window[" + r + "]", "[" + start + ", " + end
                            + ") is not inside [0, " + frames + ")");
                }
                b.window(r, start, end);
            }
        }
        readRoles(in, root.path("roles"), frames, b);
        readPrompts(in, root, frames, b);
        int i = 0;
        for (JsonNode s : root.path("stages")) {
            String at = "stages[" + i++ + "]";
            try {
                b.stage(new PlanStage(s.path("name").asText("stage"), s.path("firstRow").asInt(), s.path("endRow").asInt(),
                        s.path("scale").asDouble(1)));
            } catch (IllegalArgumentException e) {
                throw new FileFormatException(file, at, e.getMessage());
            }
        }
        if (root.has("base")) {
            JsonNode base = root.get("base");
            double[] values = new double[base.size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = in.number(base.get(k), "base[" + k + "]");
            }
            b.baseSigmas(values);
        }
        return b.build();
    }

    private static void readRoles(Reader in, JsonNode roles, int frames, TimestepPlan.Builder b)
            throws FileFormatException {
        int i = 0;
        for (JsonNode n : roles) {
            String at = "roles[" + i++ + "]";
            int frame = (int) in.number(n.get("frame"), at + ".frame");
            if (frame < 0 || frame >= frames) {
                throw new FileFormatException(in.file, at + ".frame", frame + " is not a frame of the plan (0.." + (frames - 1) + ")");
            }
            try {
                FrameSource source = null;
                JsonNode s = n.get("source");
                if (s != null) {
                    FrameSource.Kind kind = FrameSource.Kind.valueOf(s.path("kind").asText("").toUpperCase(Locale.ROOT)
                            .replace('-', '_'));
                    source = new FrameSource(kind, s.has("path") ? s.get("path").asText() : null, s.path("frame").asInt(0));
                }
                FrameRole.Kind kind = FrameRole.Kind.valueOf(n.path("role").asText("").toUpperCase(Locale.ROOT));
                FrameRole.Mode mode = kind == FrameRole.Kind.GENERATE ? FrameRole.Mode.NONE
                        : FrameRole.Mode.valueOf(n.path("mode").asText("").toUpperCase(Locale.ROOT).replace('-', '_'));
                b.role(frame, new FrameRole(kind, mode, n.path("value").asDouble(0), source));
            } catch (IllegalArgumentException e) {
                throw new FileFormatException(in.file, at, "not a valid role (" + e.getMessage() + ")");
            }
        }
    }

    private static void readPrompts(Reader in, JsonNode root, int frames, TimestepPlan.Builder b)
            throws FileFormatException {
        if (!root.has("prompts")) {
            return;
        }
        List<String> names = new ArrayList<>();
        root.get("prompts").forEach(p -> names.add(p.asText()));
        if (names.isEmpty()) {
            throw new FileFormatException(in.file, "prompts", "needs at least one prompt");
        }
        JsonNode weights = in.array(root.get("promptWeights"), "promptWeights", frames);
        double[][] w = new double[frames][names.size()];
        for (int f = 0; f < frames; f++) {
            JsonNode row = in.array(weights.get(f), "promptWeights[" + f + "]", names.size());
            for (int p = 0; p < names.size(); p++) {
                w[f][p] = in.number(row.get(p), "promptWeights[" + f + "][" + p + "]");
            }
        }
        b.prompts(names, w);
    }

    /** Typed access that names the JSON path of whatever is missing or wrong. */
    private record Reader(Path file) {
        int count(JsonNode root, String key) throws FileFormatException {
            JsonNode n = root.get(key);
            if (n == null || !n.canConvertToExactIntegral() || n.asInt() < 1 || n.asInt() > TimestepPlan.MAX_SIZE) {
                throw new FileFormatException(file, key, "expected a whole number in [1, " + TimestepPlan.MAX_SIZE + "], got " + n);
            }
            return n.asInt();
        }

        JsonNode array(JsonNode n, String at, int size) throws FileFormatException {
            if (n == null || !n.isArray()) {
                throw new FileFormatException(file, at, "expected a list of " + size);
            }
            if (n.size() != size) {
                throw new FileFormatException(file, at, "expected " + size + " entries, got " + n.size());
            }
            return n;
        }

        double number(JsonNode n, String at) throws FileFormatException {
            if (n == null || !n.isNumber()) {
                throw new FileFormatException(file, at, "expected a number, got " + n);
            }
            return n.asDouble();
        }
    }
}
