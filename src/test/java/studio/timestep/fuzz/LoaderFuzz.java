package studio.timestep.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import studio.timestep.TestData;
import studio.timestep.io.CurveFiles;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.PlanFiles;
import studio.timestep.io.PlanPresets;
import studio.timestep.io.SafetensorsFile;
import studio.timestep.io.SigmaListFiles;
import studio.timestep.model.wan.WanConfig;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.report.L1Logs;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;

/**
 * Mutates every shipped preset, plan preset and golden file (and a plan file, an L1 log and a
 * sigma list) and drives the loaders in-process. Each input must load, or be refused with one
 * line that names the file; anything else (another exception, a message of several lines or
 * without the file's name, more than {@link #TIME_LIMIT_MS}) is a defect, kept with its input.
 */
public final class LoaderFuzz {
    static final long TIME_LIMIT_MS = 2000;

    /** A kind of input and the loader that reads it. */
    enum Loader {
        CURVES, PLAN_PRESET, PLAN, WAN_CONFIG, SAFETENSORS, L1_LOG, SIGMA_LIST
    }

    /** Counts per loader: tried, loaded, refused cleanly, anything else. */
    public static final class Tally {
        public int tried;
        public int loaded;
        public int refused;
        public int other;
    }

    /** What a run found: the table and the inputs that failed (at most a few, with what happened). */
    public record Report(Map<Loader, Tally> table, List<String> defects) {
        public int other() {
            return table.values().stream().mapToInt(t -> t.other).sum();
        }

        public String format() {
            StringBuilder out = new StringBuilder(String.format("%-12s %7s %7s %8s %6s%n", "loader", "tried", "loaded",
                    "refused", "other"));
            table.forEach((k, t) -> out.append(String.format("%-12s %7d %7d %8d %6d%n", k.name().toLowerCase(), t.tried,
                    t.loaded, t.refused, t.other)));
            return out.toString();
        }
    }

    private record Seed(Loader loader, String name, byte[] bytes) {
    }

    private LoaderFuzz() {
    }

    private static List<Seed> seeds() throws IOException {
        List<Seed> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("presets"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                seeds.add(new Seed(Loader.CURVES, p.getFileName().toString(), Files.readAllBytes(p)));
            }
        }
        try (Stream<Path> files = Files.list(Path.of("presets/plans"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                seeds.add(new Seed(Loader.PLAN_PRESET, p.getFileName().toString(), Files.readAllBytes(p)));
            }
        }
        for (String model : List.of("tiny", "head128")) {
            Path dir = TestData.wanGolden().resolve(model);
            seeds.add(new Seed(Loader.WAN_CONFIG, "config.json", Files.readAllBytes(dir.resolve("config.json"))));
        }
        seeds.add(new Seed(Loader.SAFETENSORS, "case.safetensors",
                Files.readAllBytes(TestData.wanGolden().resolve("tiny/case.safetensors"))));
        seeds.add(new Seed(Loader.PLAN, "plan.json", PlanFiles.toJson(PlanTemplate.SKYREELS_DF.build(Map.of("frames", 6),
                new FlowShiftCurve(5).sigmaGrid(6, GridConvention.WAN_UNIPC))).getBytes(StandardCharsets.UTF_8)));
        seeds.add(new Seed(Loader.L1_LOG, "run.log", ("Step 1, Timestep 980.0, L1 = 0.2\nStep 2, Timestep tensor(960.), L1 = 0.1\n"
                + "step,timestep,latent,cond,guided\n").getBytes(StandardCharsets.UTF_8)));
        seeds.add(new Seed(Loader.L1_LOG, "run.csv", "step,timestep,signal,l1\n1,900,cond,0.3\n2,800,guided,0.2\n"
                .getBytes(StandardCharsets.UTF_8)));
        seeds.add(new Seed(Loader.SIGMA_LIST, "sigmas.txt", "1.0, 0.9, 0.5, 0.1, 0.0".getBytes(StandardCharsets.UTF_8)));
        seeds.add(new Seed(Loader.SIGMA_LIST, "sigmas.json", "{\"sigmas\": [1.0, 0.5, 0.0]}".getBytes(StandardCharsets.UTF_8)));
        return seeds;
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final String[] SWAPS = {"\"abc\"", "true", "null", "[]", "{}", "1e308", "-1", "4294967298",
        "9223372036854775808", "NaN", "Infinity", "-0", "1.5", "0", "\"5f\"", "1e-320"};

    /** One mutation of the seed: truncation, byte flips, a value swapped, trailing garbage, deep nesting, a duplicate key, emptiness. */
    static byte[] mutate(byte[] seed, Random r) {
        String text = new String(seed, StandardCharsets.ISO_8859_1);
        switch (r.nextInt(8)) {
            case 0:
                return Arrays.copyOf(seed, r.nextInt(seed.length + 1));
            case 1: {
                byte[] b = seed.clone();
                for (int k = 0, n = 1 + r.nextInt(8); k < n && b.length > 0; k++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            }
            case 2:
            case 3: {
                Matcher m = NUMBER.matcher(text);
                List<int[]> spans = new ArrayList<>();
                while (m.find()) {
                    spans.add(new int[] {m.start(), m.end()});
                }
                if (spans.isEmpty()) {
                    return (text + "x").getBytes(StandardCharsets.ISO_8859_1);
                }
                int[] s = spans.get(r.nextInt(spans.size()));
                return (text.substring(0, s[0]) + SWAPS[r.nextInt(SWAPS.length)] + text.substring(s[1]))
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            case 4:
                return (text + (r.nextBoolean() ? " trailing" : text)).getBytes(StandardCharsets.ISO_8859_1);
            case 5:
                return ("[".repeat(2000) + text + "]".repeat(2000)).getBytes(StandardCharsets.ISO_8859_1);
            case 6: {
                int brace = text.indexOf('{');
                int colon = text.indexOf("\":", brace);
                int quote = colon < 0 ? -1 : text.lastIndexOf('"', colon - 1);
                if (brace < 0 || quote < 0) {
                    return new byte[0];
                }
                String key = text.substring(quote, colon + 2);
                return (text.substring(0, brace + 1) + key + " 1, " + text.substring(brace + 1)).getBytes(StandardCharsets.ISO_8859_1);
            }
            default:
                return r.nextBoolean() ? new byte[0] : "\u0000\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private static void load(Loader loader, Path file) throws Exception {
        switch (loader) {
            case CURVES -> CurveFiles.read(file);
            case PLAN_PRESET -> PlanPresets.read(file);
            case PLAN -> PlanFiles.read(file);
            case WAN_CONFIG -> WanConfig.read(file);
            case SAFETENSORS -> {
                SafetensorsFile f = SafetensorsFile.open(file);
                for (String t : f.tensors().keySet()) {
                    f.array(t);
                }
            }
            case L1_LOG -> L1Logs.read(file, "cond");
            case SIGMA_LIST -> SigmaListFiles.parse(Files.readString(file, StandardCharsets.ISO_8859_1));
        }
    }

    /** Runs {@code count} mutated inputs from a fixed seed in {@code work} (a scratch folder). */
    public static Report run(long seed, int count, Path work) throws Exception {
        List<Seed> seeds = seeds();
        Random r = new Random(seed);
        Map<Loader, Tally> table = new LinkedHashMap<>();
        for (Loader l : Loader.values()) {
            table.put(l, new Tally());
        }
        List<String> defects = new ArrayList<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(t -> {
            Thread th = new Thread(t, "fuzz-loader");
            th.setDaemon(true);
            return th;
        });
        try {
            for (int i = 0; i < count; i++) {
                Seed s = seeds.get(r.nextInt(seeds.size()));
                byte[] input = mutate(s.bytes(), r);
                Path file = work.resolve(String.format("in%06d-%s", i, s.name()));
                Files.write(file, input);
                Tally t = table.get(s.loader());
                t.tried++;
                Future<?> f = worker.submit(() -> {
                    load(s.loader(), file);
                    return null;
                });
                String defect = null;
                try {
                    f.get(TIME_LIMIT_MS, TimeUnit.MILLISECONDS);
                    t.loaded++;
                } catch (TimeoutException e) {
                    f.cancel(true);
                    defect = "took more than " + TIME_LIMIT_MS + " ms";
                    worker.shutdownNow();
                    worker = Executors.newSingleThreadExecutor();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    String message = String.valueOf(cause.getMessage());
                    boolean clean = cause instanceof FileFormatException || cause instanceof IOException
                            || cause instanceof InvalidParameterException;
                    boolean namesFile = s.loader() == Loader.SIGMA_LIST || message.contains(file.getFileName().toString());
                    if (clean && namesFile && message.lines().count() == 1) {
                        t.refused++;
                    } else {
                        defect = cause.getClass().getSimpleName() + ": " + message;
                    }
                }
                if (defect != null) {
                    t.other++;
                    if (defects.size() < 20) {
                        defects.add(file.getFileName() + " (" + s.loader() + "): " + defect);
                    }
                } else {
                    Files.delete(file);
                }
            }
        } finally {
            worker.shutdownNow();
        }
        return new Report(table, defects);
    }
}
