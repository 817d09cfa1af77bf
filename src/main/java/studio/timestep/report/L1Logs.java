package studio.timestep.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.StrictJson;
import studio.timestep.sampling.RowMetrics;

/**
 * Reads L1 logs of runs made elsewhere, the format told by the content:
 * <ul>
 * <li>the printed log of the seed articles' diffusers callback, {@code Step 3, Timestep 940.0, L1 = 0.123456}
 *     (the timestep may print as {@code tensor(940.)}; other lines are ignored) — one signal, named by the caller;</li>
 * <li>a CSV with {@code step,timestep} and either {@code l1} (with an optional {@code signal} column) or a
 *     column per signal ({@code latent}, {@code cond}, {@code guided}, optionally suffixed {@code _l1});</li>
 * <li>this program's own {@code metrics.csv} ({@code row,timestep,latent_l1,cond_l1,guided_l1,...});</li>
 * <li>a JSON list of {@code [step, timestep, l1]} triples (the seeds' {@code l1_log}).</li>
 * </ul>
 * Steps run 0 … N−1 with N = the last step + 1 (a callback's steps), so step/N is the seeds' x axis.
 * A missing or non-numeric field is refused with {@code FILE:LINE: reason}.
 */
public final class L1Logs {
    /** Larger files are not logs of one run. */
    public static final long MAX_BYTES = 64L << 20;
    private static final String NUMBER = "[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?|nan|NaN|inf|-inf";
    private static final Pattern SEED_LINE = Pattern.compile(
            "^\\s*Step\\s+(\\S+?),\\s*Timestep\\s+(tensor\\(.*?\\)|[^,]+?),\\s*L1\\s*=\\s*(\\S+)\\s*$");
    /** A timestep printed as a torch tensor: {@code tensor(940.)}, {@code tensor([940.], device='cuda:0')}. */
    private static final Pattern TENSOR = Pattern.compile("tensor\\(\\[?\\s*([^,\\]\\)\\s]+).*\\)");
    /** A line that means to be a log line: its fields must then be numbers. */
    private static final Pattern SEED_LINE_START = Pattern.compile("^\\s*Step\\s+[^,]*,\\s*Timestep\\b.*");

    /** A run read from a log: its name (the file's), its rows and the signals it has. */
    public record ImportedRun(String name, List<RowMetrics> rows, Set<String> signals) {
    }

    private record Point(int line, int step, double timestep, String signal, double l1) {
    }

    private L1Logs() {
    }

    /** Reads a log; {@code printedSignal} names the signal of a printed log, which does not say it. */
    public static ImportedRun read(Path file, String printedSignal) throws IOException, FileFormatException {
        String text = StrictJson.readText(file, MAX_BYTES);
        List<String> lines = text.lines().toList();
        String first = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("").trim();
        List<Point> points;
        if (first.startsWith("[")) {
            points = json(file, text);
        } else if (isCsvHeader(first)) {
            points = csv(file, lines);
        } else {
            points = printed(file, lines, printedSignal);
        }
        if (points.isEmpty()) {
            throw new FileFormatException(file, "", "no L1 values: expected `Step N, Timestep T, L1 = V` lines, a CSV with "
                    + "step,timestep,l1, this program's metrics.csv, or a JSON list of [step, timestep, l1]");
        }
        return new ImportedRun(file.getFileName().toString(), rows(points), signals(points));
    }

    private static boolean isCsvHeader(String line) {
        List<String> fields = Arrays.stream(line.split(",", -1)).map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        return fields.contains("timestep") && (fields.contains("step") || fields.contains("row"));
    }

    private static List<Point> printed(Path file, List<String> lines, String signal) throws FileFormatException {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!SEED_LINE_START.matcher(line).matches()) {
                continue;
            }
            Matcher m = SEED_LINE.matcher(line);
            if (!m.matches()) {
                throw FileFormatException.atLine(file, i + 1, "expected `Step N, Timestep T, L1 = V`, got `" + line.trim() + "`");
            }
            Matcher tensor = TENSOR.matcher(m.group(2));
            String timestep = tensor.matches() ? tensor.group(1) : m.group(2).trim();
            points.add(new Point(i + 1, step(file, i + 1, m.group(1)), number(file, i + 1, "timestep", timestep), signal,
                    number(file, i + 1, "L1", m.group(3))));
        }
        return points;
    }

    private static List<Point> csv(Path file, List<String> lines) throws FileFormatException {
        int headerLine = 0;
        while (lines.get(headerLine).isBlank()) {
            headerLine++;
        }
        List<String> header = Arrays.stream(lines.get(headerLine).split(",", -1))
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        int step = header.indexOf("step") >= 0 ? header.indexOf("step") : header.indexOf("row");
        int timestep = header.indexOf("timestep");
        if (step < 0 || timestep < 0) {
            throw FileFormatException.atLine(file, headerLine + 1, "a CSV log needs the columns step and timestep");
        }
        int l1 = header.indexOf("l1");
        int signal = header.indexOf("signal");
        List<String> names = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (String s : L1Charts.SIGNALS) {
            int c = header.indexOf(s) >= 0 ? header.indexOf(s) : header.indexOf(s + "_l1");
            if (c >= 0) {
                names.add(s);
                columns.add(c);
            }
        }
        if (l1 < 0 && columns.isEmpty()) {
            throw FileFormatException.atLine(file, headerLine + 1, "a CSV log needs an l1 column or one of "
                    + String.join(", ", L1Charts.SIGNALS));
        }
        List<Point> points = new ArrayList<>();
        for (int i = headerLine + 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split(",", -1);
            int line = i + 1;
            if (f.length < header.size()) {
                throw FileFormatException.atLine(file, line, "has " + f.length + " fields, the header " + header.size());
            }
            int s = step(file, line, f[step].trim());
            double t = number(file, line, "timestep", f[timestep].trim());
            if (l1 >= 0) {
                String name = signal >= 0 ? signalName(file, line, f[signal].trim()) : "cond";
                points.add(new Point(line, s, t, name, number(file, line, "l1", f[l1].trim())));
            } else {
                for (int k = 0; k < names.size(); k++) {
                    String v = f[columns.get(k)].trim();
                    if (!v.isEmpty()) {
                        points.add(new Point(line, s, t, names.get(k), number(file, line, names.get(k), v)));
                    }
                }
            }
        }
        return points;
    }

    private static List<Point> json(Path file, String text) throws FileFormatException {
        JsonNode root;
        try {
            root = StrictJson.parseText(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw FileFormatException.atLine(file, line, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isArray()) {
            throw FileFormatException.atLine(file, 1, "expected a JSON list of [step, timestep, l1]");
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode e = root.get(i);
            if (!e.isArray() || e.size() != 3 || !e.get(0).isNumber() || !e.get(1).isNumber() || !e.get(2).isNumber()) {
                throw FileFormatException.atLine(file, 1, "item " + i + " is " + e + ", expected [step, timestep, l1] numbers");
            }
            double step = e.get(0).asDouble();
            if (step != Math.rint(step) || step < 0 || step > 1e7) {
                throw FileFormatException.atLine(file, 1, "item " + i + ": step " + e.get(0) + " is not a whole number ≥ 0");
            }
            points.add(new Point(1, (int) step, e.get(1).asDouble(), "cond", e.get(2).asDouble()));
        }
        return points;
    }

    private static int step(Path file, int line, String text) throws FileFormatException {
        double v = number(file, line, "step", text);
        if (v != Math.rint(v) || v < 0 || v > 1e7) {
            throw FileFormatException.atLine(file, line, "step '" + text + "' is not a whole number ≥ 0");
        }
        return (int) v;
    }

    private static double number(Path file, int line, String field, String text) throws FileFormatException {
        if (!text.matches(NUMBER)) {
            throw FileFormatException.atLine(file, line, field + " '" + text + "' is not a number");
        }
        return switch (text) {
            case "nan", "NaN" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static String signalName(Path file, int line, String text) throws FileFormatException {
        String s = text.toLowerCase(Locale.ROOT).replace("_l1", "");
        if (!L1Charts.SIGNALS.contains(s)) {
            throw FileFormatException.atLine(file, line, "signal '" + text + "' is none of " + String.join(", ", L1Charts.SIGNALS));
        }
        return s;
    }

    private static Set<String> signals(List<Point> points) {
        Set<String> s = new LinkedHashSet<>();
        points.forEach(p -> s.add(p.signal()));
        return s;
    }

    /** One row per step, the signals of a step together; N = the last step + 1. */
    private static List<RowMetrics> rows(List<Point> points) {
        int n = points.stream().mapToInt(Point::step).max().orElse(0) + 1;
        List<RowMetrics> rows = new ArrayList<>();
        List<Integer> order = points.stream().map(Point::step).distinct().sorted().toList();
        for (int step : order) {
            double t = Double.NaN;
            double[] v = {Double.NaN, Double.NaN, Double.NaN};
            for (Point p : points) {
                if (p.step() == step) {
                    t = p.timestep();
                    v[L1Charts.SIGNALS.indexOf(p.signal())] = p.l1();
                }
            }
            rows.add(new RowMetrics(step, n, t, v[0], v[1], v[2], new double[0], new double[0],
                    new double[0], new double[0]));
        }
        return rows;
    }

    /** The rows as {@code run,step,timestep,signal,l1} lines (no header), values as read. */
    public static void appendSeries(StringBuilder out, String run, List<RowMetrics> rows, Set<String> signals) {
        String name = run.contains(",") || run.contains("\"") ? '"' + run.replace("\"", "\"\"") + '"' : run;
        for (RowMetrics r : rows) {
            for (String s : signals) {
                double v = r.signal(s);
                if (!Double.isNaN(v)) {
                    out.append(name).append(',').append(r.row()).append(',').append(r.timestep()).append(',').append(s)
                            .append(',').append(v).append('\n');
                }
            }
        }
    }
}
