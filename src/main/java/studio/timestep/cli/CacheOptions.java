package studio.timestep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;
import studio.timestep.io.AtomicFiles;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.MagRatiosFile;
import studio.timestep.io.StrictJson;
import studio.timestep.model.Poly1d;
import studio.timestep.model.wan.WanStepCache;
import studio.timestep.model.wan.WanTeaCache;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.run.CacheComparison;
import studio.timestep.run.RunModels;
import studio.timestep.run.RunQueue;
import studio.timestep.run.RunRequest;
import studio.timestep.run.StepCacheChoice;

/** The step-cache options of {@code sample} and {@code sweep}, and the caches they make. */
final class CacheOptions {

    @Option(names = "--cache", defaultValue = "none", paramLabel = "METHOD", description = "a step cache around the "
            + "transformer's blocks: none, teacache (Wan variant, ali-vilab/TeaCache), magcache (Zehong-Ma/MagCache), "
            + "easycache (H-EmbodVis/EasyCache) or fbcache (first-block cache, diffusers); the run is also made without it "
            + "(same seed) for the error (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--cache-threshold", split = ",", defaultValue = "0.05", description = "the cache's threshold (sweep: "
            + "a list, e.g. 0.02,0.05,0.1) (default: ${DEFAULT-VALUE})")
    List<Double> thresholds;

    @Option(names = "--magcache-k", defaultValue = "2", description = "MagCache: most consecutive skips K (default: ${DEFAULT-VALUE})")
    int magcacheK;

    @Option(names = "--magcache-retention", defaultValue = "0.2", description = "MagCache: the fraction of calls always "
            + "computed at the start (default: ${DEFAULT-VALUE})")
    double magcacheRetention;

    @Option(names = "--magcache-ratios", paramLabel = "FILE", description = "MagCache: a JSON array of mag_ratios as "
            + "magcache_generate.py lists them (conditional and unconditional interleaved, two 1.0 first), any step count; "
            + "without it a run with the next seed calibrates them (written to mag_ratios.json)")
    Path magcacheRatios;

    @Option(names = "--teacache-coefficients", defaultValue = "raw", description = "TeaCache's rescale polynomial: raw (none), "
            + "t2v-1.3b, t2v-14b, i2v-480p, i2v-720p, or one of those with -ret-steps (signal e0, first five steps "
            + "computed); the polynomials were fitted on those Wan checkpoints; or a .json file `calibrate` wrote "
            + "(default: ${DEFAULT-VALUE})")
    String teacacheCoefficients;

    private double[] magRatios;

    boolean active() {
        return !method.equals("none");
    }

    /** The one threshold of a single run. */
    double single() {
        if (thresholds.size() != 1) {
            throw new UserInputException("--cache-threshold: sample takes one value, got " + thresholds.size()
                    + " (sweep takes a list)");
        }
        return thresholds.get(0);
    }

    /** Refuses, before any work, a method, threshold or MagCache setting that cannot be used for runs of {@code steps} steps. */
    void check(int steps) {
        if (!active()) {
            return;
        }
        if (!StepCacheChoice.METHODS.contains(method)) {
            throw new UserInputException("--cache: " + method + " is not one of none, " + String.join(", ", StepCacheChoice.METHODS));
        }
        if (method.equals("magcache") && magcacheRatios != null) {
            magRatios = readRatios(magcacheRatios);
        }
        for (double t : thresholds) {
            try {
                choice(t).create(steps);
            } catch (InvalidParameterException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--magcache-ratios: " + magcacheRatios + ": " + e.getMessage());
            }
        }
    }

    /** MagCache without a ratios file: calibrates on the request's next seed, writes mag_ratios.json. */
    void calibrate(RunRequest request, RunModels models, RunQueue.Listener progress, Path folder, PrintWriter err)
            throws IOException {
        if (method.equals("magcache") && magcacheRatios == null) {
            err.println("calibrating MagCache's ratios on a run with seed " + (request.settings().seed() + 1));
            magRatios = CacheComparison.calibrateMagCache(request, models, progress);
            AtomicFiles.writeString(folder.resolve("mag_ratios.json"), MagRatiosFile.json(magRatios));
            err.println();
        }
    }

    /** The cache at {@code threshold}, as the options ask for it. */
    StepCacheChoice choice(double threshold) {
        return new StepCacheChoice(method, threshold, rescale(), magcacheK,
                magcacheRetention, magRatios == null ? new double[] {1, 1} : magRatios);
    }

    /** A preset's id, or a file the calibrate command wrote. */
    private WanTeaCache.Rescale rescale() {
        Path file = Path.of(teacacheCoefficients);
        if (!teacacheCoefficients.endsWith(".json")) {
            return WanTeaCache.Coefficients.fromId(teacacheCoefficients).rescale();
        }
        try {
            JsonNode json = StrictJson.read(file, 1 << 20);
            JsonNode c = json.get("coefficients");
            if (c == null || !c.isArray() || c.size() == 0 || !json.path("signal").isTextual()) {
                throw new UserInputException("--teacache-coefficients: " + file + " should have \"coefficients\" (a list) and "
                        + "\"signal\" (e or e0), as calibrate writes");
            }
            double[] values = new double[c.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = c.get(i).asDouble();
            }
            return new WanTeaCache.Rescale(file.getFileName().toString(), json.get("signal").asText().equals("e0"),
                    new Poly1d(values));
        } catch (FileFormatException e) {
            throw new UserInputException("--teacache-coefficients: " + e.getMessage());
        }
    }

    private static double[] readRatios(Path file) {
        try {
            return MagRatiosFile.read(file);
        } catch (FileFormatException e) {
            throw new UserInputException("--magcache-ratios: " + e.getMessage());
        }
    }

    /** One line per transformer call: branch (0 the prompt, 1 the negative prompt), its index, signal, accumulated value, decision. */
    static String callsCsv(WanStepCache cache) {
        StringBuilder csv = new StringBuilder("branch,call,signal,accumulated,computed\n");
        for (WanStepCache.Call c : cache.calls()) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%s,%s,%b%n", c.branch(), c.index(), number(c.signal()),
                    number(c.accumulated()), c.computed()));
        }
        return csv.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
