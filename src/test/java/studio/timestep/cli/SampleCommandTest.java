package studio.timestep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCommandTest {
    @TempDir
    Path dir;

    @Test
    void sampleWritesMetricsFramesGifAndPanelsReproducibly() throws Exception {
        String[] args = {"sample", "--steps", "8", "--shift", "3", "--frames", "3", "--model", "exact", "--clips", "16", "--size", "8",
            "--sampler", "dpmpp-2m", "--negative-prompt", "blue", "--out", dir.resolve("a").toString()};
        ScheduleCommandTest.Result r = ScheduleCommandTest.run(args);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("backend: CPU"), r.err());
        // the loop's time against the whole process's: "sampling 0.4 s; 12.3 s since the JVM started"
        Matcher times = Pattern.compile("sampling ([0-9.]+) s; ([0-9.]+) s since the JVM started")
                .matcher(r.err());
        assertTrue(times.find(), r.err());
        assertTrue(Double.parseDouble(times.group(1)) <= Double.parseDouble(times.group(2)), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("a/metrics.csv"));
        assertEquals("row,timestep,latent_l1,cond_l1,guided_l1,cache_signal,cache_acc,skipped", csv.get(0));
        assertTrue(csv.get(1).endsWith(",,,false"), "no cache: no signal, no accumulated value, nothing skipped: " + csv.get(1));
        assertEquals(9, csv.size());
        assertEquals(3, Files.list(dir.resolve("a/frames")).count());
        assertTrue(Files.size(dir.resolve("a/frames.gif")) > 0);
        assertTrue(Files.size(dir.resolve("a/frames.mp4")) > 0);
        assertTrue(Files.size(dir.resolve("a/l1.png")) > 0);
        args[args.length - 1] = dir.resolve("b").toString();
        assertEquals(0, ScheduleCommandTest.run(args).code());
        assertEquals(csv, Files.readAllLines(dir.resolve("b/metrics.csv")), "same seed, same CSV");
    }

    @Test
    void sampleAloneSamplesTheWindowsStarterCurve() throws Exception {
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("sample", "--steps", "2", "--frames", "1", "--model", "exact", "--clips", "4",
                "--size", "8", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        // flow shift 5 under wan-unipc: u = 0.999, 0.4995; σ = 5u / (1 + 4u)
        assertEquals(1000 * 5 * 0.999 / (1 + 4 * 0.999), Double.parseDouble(csv.get(1).split(",")[1]), 1e-3);
        assertEquals(1000 * 5 * 0.4995 / (1 + 4 * 0.4995), Double.parseDouble(csv.get(2).split(",")[1]), 1e-3);
        assertTrue(ScheduleCommandTest.run("sample", "--help").out().contains("flow shift 5 under wan-unipc"));
    }

    @Test
    void aCachedRunIsSetAgainstTheUncachedOneAndThresholdZeroSkipsNothing() throws Exception {
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("sample", "--steps", "6", "--frames", "2", "--cache", "teacache",
                "--cache-threshold", "0", "--out", dir.resolve("zero").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("PSNR mean Infinity dB"), r.out());
        assertTrue(r.out().contains("teacache raw 0: 12 of 12 transformer calls computed, 0 skipped")
                && r.out().contains("final latent error Σ|x − x_ref| / Σ|x_ref| = 0.000"), r.out());
        List<String> calls = Files.readAllLines(dir.resolve("zero/cache.csv"));
        assertEquals("branch,call,signal,accumulated,computed", calls.get(0));
        assertEquals(13, calls.size());

        r = ScheduleCommandTest.run("sample", "--steps", "6", "--frames", "2", "--cache", "teacache", "--cache-threshold", "0.5",
                "--out", dir.resolve("half").toString());
        assertEquals(0, r.code(), r.err());
        List<String> halfCalls = Files.readAllLines(dir.resolve("half/cache.csv"));
        long skipped = halfCalls.stream().filter(l -> l.endsWith(",false")).count();
        assertTrue(skipped > 0 && r.out().contains(skipped + " skipped"), r.out());
        // metrics.csv's cache columns are the cache's own signal, accumulated value and decision on the row's conditional call
        List<String> metrics = Files.readAllLines(dir.resolve("half/metrics.csv"));
        List<String> condCalls = halfCalls.stream().filter(l -> l.startsWith("0,")).map(l -> {
            String[] f = l.split(",", -1);
            return f[2] + "," + f[3] + "," + (f[4].equals("false") ? "true" : "false");
        }).toList();
        assertEquals(condCalls, metrics.subList(1, metrics.size()).stream().map(l -> {
            String[] f = l.split(",", -1);
            return f[5] + "," + f[6] + "," + f[7];
        }).toList());
        assertFalse(r.out().contains("error Σ|x − x_ref| / Σ|x_ref| = 0.000;"), r.out());

        r = ScheduleCommandTest.run("sample", "--steps", "6", "--frames", "2", "--cache", "magcache", "--out",
                dir.resolve("mag").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("calibrating MagCache's ratios on a run with seed 43"), r.err());
        String ratios = Files.readString(dir.resolve("mag/mag_ratios.json"));
        assertTrue(ratios.startsWith("[1.00000, 1.00000, ") && ratios.split(",").length == 12, ratios);
        Files.writeString(dir.resolve("odd.json"), "[1, 1, 0.9]");
        assertBad(ScheduleCommandTest.run("sample", "--cache", "magcache", "--magcache-ratios", dir.resolve("odd.json").toString(),
                "--out", dir.resolve("odd").toString()), "mag_ratios should interleave");

        assertBad(ScheduleCommandTest.run("sample", "--model", "exact", "--cache", "fbcache", "--out", dir.resolve("x").toString()),
                "cache: analytic");
        assertBad(ScheduleCommandTest.run("sample", "--cache", "magic", "--out", dir.resolve("y").toString()),
                "--cache: magic is not one of none, teacache, magcache, easycache, fbcache");
        assertBad(ScheduleCommandTest.run("sample", "--cache", "fbcache", "--sampler", "heun", "--out", dir.resolve("z").toString()),
                "cache: heun evaluates the model twice a row");
    }

    @Test
    void aCacheSweepRunsTheUncachedRunOnceAndEachThreshold() throws Exception {
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("sweep", "--cache", "easycache", "--cache-threshold", "0,0.5",
                "--steps", "14", "--shift", "5", "--frames", "2", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("cache_sweep.csv"));
        assertEquals("method,threshold,calls,computed,skipped,call_speedup,seconds,reference_seconds,time_speedup,latent_error,"
                + "psnr_mean_db,psnr_min_db,equivalent_steps,equivalent_error,best_flow_shift,best_flow_shift_error", csv.get(0));
        assertEquals(3, csv.size());
        // threshold 0: nothing skipped, no error, and its equivalent schedule is the whole grid (error 0 as well)
        String[] zero = csv.get(1).split(",");
        assertTrue(csv.get(1).startsWith("easycache,0.0,28,28,0,1.0000,"), csv.get(1));
        assertEquals(0, Double.parseDouble(zero[9]));
        assertEquals("Infinity", zero[10], "equal frames: infinite PSNR");
        assertEquals("14", zero[12]);
        assertEquals(0, Double.parseDouble(zero[13]));
        String[] half = csv.get(2).split(",");
        assertEquals(Integer.parseInt(half[3]) / 2, Integer.parseInt(half[12]), "one step per computed conditional call");
        assertTrue(Double.parseDouble(half[11]) <= Double.parseDouble(half[10]) && Double.parseDouble(half[11]) > 5, csv.get(2));
        assertTrue(Integer.parseInt(half[4]) > 0 && Double.parseDouble(half[9]) > 0, csv.get(2));
        assertEquals(csv.get(1).split(",")[7], half[7], "one reference run for every threshold");
        assertTrue(Files.size(dir.resolve("cache_sweep.png")) > 0);
        assertBad(ScheduleCommandTest.run("sweep", "--cache", "teacache", "--steps", "4,6", "--shift", "5", "--frames", "1",
                "--out", dir.toString()), "give one value each to --steps, --shift and --frames (got 2 combinations)");
    }

    @Test
    void calibrateFitsTeaCachesPolynomialAndSampleUsesIt() throws Exception {
        Path calibration = dir.resolve("tea.json");
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("calibrate", "--steps", "10", "--frames", "2", "--seeds", "1,2",
                "--out", calibration.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("coefficients = [") && r.out().contains("# signal e, R² = "), r.out());
        // 10 steps: each of the two branches has 9 calls after its first, so 18 points a run, two seeds
        String json = Files.readString(calibration);
        assertTrue(json.contains("\"signal\": \"e\"") && json.contains("\"points\": 36"), json);
        assertTrue(Files.size(dir.resolve("tea.png")) > 0);
        r = ScheduleCommandTest.run("sample", "--steps", "10", "--frames", "2", "--cache", "teacache", "--teacache-coefficients",
                calibration.toString(), "--cache-threshold", "0.1", "--out", dir.resolve("run").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("teacache tea.json 0.1: "), r.out());
        Files.writeString(dir.resolve("bad.json"), "{\"coefficients\": 3}");
        assertBad(ScheduleCommandTest.run("sample", "--cache", "teacache", "--teacache-coefficients",
                dir.resolve("bad.json").toString(), "--out", dir.resolve("x").toString()), "should have \"coefficients\" (a list)");
    }

    @Test
    void theShippedCachePresetsForTheTinyModelAreAccepted() throws Exception {
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("sample", "--steps", "6", "--frames", "2", "--cache", "magcache",
                "--magcache-ratios", "presets/caches/tiny-wan-mag-ratios-50steps.json", "--cache-threshold", "0.12", "--out",
                dir.resolve("mag").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("magcache 0.12 K2 R0.2: ") && !r.err().contains("calibrating"), r.out());
        r = ScheduleCommandTest.run("sample", "--steps", "6", "--frames", "2", "--cache", "teacache", "--teacache-coefficients",
                "presets/caches/tiny-wan-teacache-50steps.json", "--out", dir.resolve("tea").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("teacache tiny-wan-teacache-50steps.json 0.05: "), r.out());
    }

    @Test
    void sweepHasOneRunPerCombination() throws Exception {
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("sweep", "--steps", "4,6", "--shift", "3,7", "--frames",
                "1,2", "--model", "exact", "--clips", "8", "--size", "8", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("sweep.csv"));
        assertTrue(csv.get(0).startsWith("steps,shift,frames,row,timestep"));
        assertEquals(1 + 2 * (4 + 6) * 2, csv.size());
        assertTrue(Files.size(dir.resolve("sweep.png")) > 0);
    }

    @Test
    void badOptionsAndMissingSourcesAreOneLine() {
        assertBad(ScheduleCommandTest.run("sample", "--sampler", "ddim", "--out", dir.toString()), "--sampler: must be one of");
        assertBad(ScheduleCommandTest.run("sample", "--guidance", "0", "--out", dir.toString()), "--guidance: must be in [1, 50]");
        assertBad(ScheduleCommandTest.run("sample", "--guidance-low", "3", "--out", dir.toString()),
                "--expert-boundary: two experts need both --guidance-low and --expert-boundary");
        assertBad(ScheduleCommandTest.run("sample", "--guidance-low", "3", "--expert-boundary", "1.5", "--out", dir.toString()),
                "--expert-boundary: must be in [0, 1]");
        assertBad(ScheduleCommandTest.run("sample", "--template", "interpolation", "--steps", "4", "--model", "exact", "--clips", "4", "--size",
                "8", "--out", dir.toString()), "frame 0: source start.png does not exist");
    }

    @Test
    void anOutputPlaceThatCannotBeUsedIsRefusedBeforeTheRun() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "kept");
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("sample", "--steps", "4", "--frames", "1", "--model", "exact", "--clips", "4",
                "--size", "8", "--out", file.toString());
        assertBad(r, "--out: " + file + " is a file; give a folder");
        assertFalse(r.err().contains("backend:"), "refused before the run started: " + r.err());
        assertEquals("kept", Files.readString(file));
        assertBad(ScheduleCommandTest.run("sweep", "--steps", "4", "--shift", "3", "--frames", "1", "--out", file.toString()),
                "--out: " + file + " is a file");
        assertBad(ScheduleCommandTest.run("sample", "--steps", "4", "--out", "/proc/timestep-studio"),
                "--out: cannot make the folder /proc/timestep-studio");
        assertBad(ScheduleCommandTest.run("sample", "--steps", "4", "--out", file.resolve("below").toString()),
                "--out: cannot make the folder " + file.resolve("below"));
    }

    @Test
    void planPicturesGoIntoAFolderMadeForThemAndNeverOverAFolder() throws Exception {
        Path gif = dir.resolve("new/deeper/plan.gif");
        ScheduleCommandTest.Result r = ScheduleCommandTest.run("plan", "--steps", "3", "--frames", "2", "--format", "gif",
                "--out", gif.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(gif) > 0);
        assertBad(ScheduleCommandTest.run("plan", "--steps", "3", "--frames", "2", "--format", "gif", "--out",
                dir.toString()), "--out: " + dir + " is a folder; give a file name");
        assertBad(ScheduleCommandTest.run("schedule", "--steps", "3", "--out", dir.toString()), "is a folder");
    }

    private static void assertBad(ScheduleCommandTest.Result r, String expected) {
        assertEquals(2, r.code(), r.out());
        String last = r.err().trim().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.contains(expected), r.err());
    }
}
