package studio.timestep.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** Cells (rows × frames) a plan file may hold: a 2000-frame diagonal plan has 8 M; beyond, reading takes minutes. */
    public static final long MAX_CELLS = 8L << 20;

    /** Whether a file says it is a plan file (its first 4 KB name the format); false for anything unreadable. */
    public static boolean isPlanFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8).contains("\"" + FORMAT + "\"");
        } catch (IOException e) {
            return false;
        }
    }

    public static TimestepPlan read(Path file) throws IOException, FileFormatException {
        return parse(file, StrictJson.readText(file, VersionedJson.MAX_BYTES));
    }

    public static TimestepPlan parse(Path file, String text) throws FileFormatException {
        JsonNode root = VersionedJson.read(file, text, FORMAT, VERSION);
        JsonFields in = new JsonFields(file);
        int rows = in.integer(root.get("rows"), "rows", 1, TimestepPlan.MAX_SIZE);
        int frames = in.integer(root.get("frames"), "frames", 1, TimestepPlan.MAX_SIZE);
        if ((long) rows * frames > MAX_CELLS) {
            throw new FileFormatException(file, "rows", rows + " × " + frames + " cells; a plan holds at most " + MAX_CELLS);
        }
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
                int start = in.integer(w.get(0), "window[" + r + "][0]", 0, frames);
                int end = in.integer(w.get(1), "window[" + r + "][1]", 0, frames);
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
        for (JsonNode s : root.has("stages") ? in.array(root.get("stages"), "stages", -1) : root.path("stages")) {
            String at = "stages[" + i++ + "]";
            in.object(s, at);
            try {
                b.stage(new PlanStage(in.text(s, "name", at + ".name", "stage"),
                        in.integer(s.get("firstRow"), at + ".firstRow", 0, rows), in.integer(s.get("endRow"), at + ".endRow", 0, rows),
                        in.number(s, "scale", at + ".scale", 1)));
            } catch (IllegalArgumentException e) {
                throw new FileFormatException(file, at, e.getMessage());
            }
        }
        if (root.has("base")) {
            JsonNode base = in.array(root.get("base"), "base", -1);
            double[] values = new double[base.size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = in.number(base.get(k), "base[" + k + "]");
            }
            b.baseSigmas(values);
        }
        return b.build();
    }

    private static void readRoles(JsonFields in, JsonNode roles, int frames, TimestepPlan.Builder b)
            throws FileFormatException {
        if (roles.isMissingNode()) {
            return;
        }
        int i = 0;
        for (JsonNode n : in.array(roles, "roles", -1)) {
            String at = "roles[" + i++ + "]";
            in.object(n, at);
            int frame = in.integer(n.get("frame"), at + ".frame", 0, frames - 1);
            FrameSource source = null;
            JsonNode s = n.get("source");
            if (s != null) {
                in.object(s, at + ".source");
                FrameSource.Kind kind = named(in, FrameSource.Kind.class, in.text(s, "kind", at + ".source.kind", null),
                        at + ".source.kind");
                String path = s.has("path") ? in.text(s, "path", at + ".source.path", null) : null;
                int sourceFrame = in.integer(s, "frame", at + ".source.frame", 0, Integer.MAX_VALUE, 0);
                try {
                    source = new FrameSource(kind, path, sourceFrame);
                } catch (IllegalArgumentException e) {
                    throw in.error(at + ".source", e.getMessage());
                }
            }
            FrameRole.Kind kind = named(in, FrameRole.Kind.class, in.text(n, "role", at + ".role", null), at + ".role");
            FrameRole.Mode mode = kind == FrameRole.Kind.GENERATE ? FrameRole.Mode.NONE
                    : named(in, FrameRole.Mode.class, in.text(n, "mode", at + ".mode", null), at + ".mode");
            try {
                b.role(frame, new FrameRole(kind, mode, in.number(n, "value", at + ".value", 0), source));
            } catch (IllegalArgumentException e) {
                throw in.error(at, "not a valid role (" + e.getMessage() + ")");
            }
        }
    }

    /** An enum constant by its file name ("condition", "fixed-level"), or a message listing the names. */
    private static <E extends Enum<E>> E named(JsonFields in, Class<E> type, String text, String at) throws FileFormatException {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.replace('-', '_'))) {
                return e;
            }
        }
        throw in.error(at, "'" + text + "' is none of " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
    }

    private static void readPrompts(JsonFields in, JsonNode root, int frames, TimestepPlan.Builder b)
            throws FileFormatException {
        if (!root.has("prompts")) {
            return;
        }
        List<String> names = new ArrayList<>();
        JsonNode prompts = in.array(root.get("prompts"), "prompts", -1);
        for (int p = 0; p < prompts.size(); p++) {
            if (!prompts.get(p).isTextual()) {
                throw in.error("prompts[" + p + "]", "expected text, got " + JsonFields.describe(prompts.get(p)));
            }
            names.add(prompts.get(p).asText());
        }
        if (names.isEmpty()) {
            throw in.error("prompts", "needs at least one prompt");
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
}
