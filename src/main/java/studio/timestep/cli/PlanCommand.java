package studio.timestep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import studio.timestep.io.AtomicFiles;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.PlanAnimation;
import studio.timestep.io.PlanFiles;
import studio.timestep.io.PlanPresets;
import studio.timestep.plan.PlanProblem;
import studio.timestep.plan.PlanTemplate;
import studio.timestep.plan.PlanValidator;
import studio.timestep.plan.TimestepPlan;
import studio.timestep.schedule.InvalidParameterException;

/** Builds a plan from a template and prints it, writes its animation, or checks a plan file. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Build a frame × timestep plan from a template (base grid from the curve options), or check a plan file.")
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    CurveOptions curveOptions;

    @Option(names = "--template", defaultValue = "t2v", description = "t2v, t2i-i2v, i2v-chain, interpolation, loop, v2v, "
            + "upscale-refine, long-video, prompt-blend, multipliers, df-pyramid, skyreels-df, fifo, magi "
            + "(default: ${DEFAULT-VALUE})")
    String template;

    @Option(names = "--template-preset", paramLabel = "FILE",
            description = "a plan preset (template and parameters); options given here override its parameters")
    Path templatePreset;

    @Option(names = "--frames", description = "frames F") Integer frames;
    @Option(names = "--segments", description = "i2v-chain: segments K") Integer segments;
    @Option(names = "--strength", description = "v2v, upscale-refine, prompt-blend: σ_start in (0, 1]") Double strength;
    @Option(names = "--scale", description = "upscale-refine: upscale factor") Double scale;
    @Option(names = "--chunk", description = "long-video: frames per chunk W") Integer chunk;
    @Option(names = "--overlap", description = "long-video: overlapping frames M") Integer overlap;
    @Option(names = "--chunks", description = "long-video: chunks K") Integer chunks;
    @Option(names = "--boundary", description = "prompt-blend: frame of the prompt change") Double boundary;
    @Option(names = "--width", description = "prompt-blend: crossfade width in frames") Double width;
    @Option(names = "--peak", description = "prompt-blend: start level at the boundary") Double peak;
    @Option(names = "--multipliers", description = "multipliers: m of the first frames, e.g. \"0, 0.2\"") String multipliers;
    @Option(names = "--uncertainty", description = "df-pyramid: steps of lag per frame u") Double uncertainty;
    @Option(names = "--base-frames", description = "skyreels-df: frames the model sees at once") Integer baseFrames;
    @Option(names = "--ar-step", description = "skyreels-df: rows each block lags the one before") Integer arStep;
    @Option(names = "--block", description = "skyreels-df: causal block size") Integer block;
    @Option(names = "--prefix", description = "skyreels-df: prefix frames already clean") Integer prefix;
    @Option(names = "--lag", description = "fifo: rows between the starts of two frames") Integer lag;
    @Option(names = "--chunk-width", description = "magi: frames per chunk") Integer chunkWidth;
    @Option(names = "--in-flight", description = "magi: chunks in flight") Integer inFlight;

    @Option(names = "--format", defaultValue = "json", description = "json, gif or png (frames folder) (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", paramLabel = "PATH", description = "output file (json, gif) or folder (png); json defaults to standard output")
    Path out;

    @Option(names = "--size", defaultValue = "640x360", description = "animation size WxH (default: ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--delay", defaultValue = "120", description = "animation delay per row in ms (default: ${DEFAULT-VALUE})")
    int delay;

    @Option(names = "--check", paramLabel = "FILE", description = "validate a plan file and list its problems (exit 1 if any)")
    Path check;

    @Option(names = "--max-window", defaultValue = "0", description = "widest window the model takes, 0 for no limit")
    int maxWindow;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (check != null) {
            return check(stdout);
        }
        PlanTemplate t = PlanTemplate.fromId(template);
        Map<String, Object> values = templateValues();
        if (templatePreset != null) {
            PlanPresets.PlanPreset preset = readPreset();
            t = preset.template();
            Map<String, Object> merged = new LinkedHashMap<>(preset.parameters());
            merged.putAll(values);
            values = merged;
        }
        TimestepPlan plan = t.build(values, curveOptions.toSetup().grid());
        switch (format) {
            case "json" -> {
                String json = PlanFiles.toJson(plan);
                if (out == null) {
                    stdout.print(json);
                } else {
                    AtomicFiles.writeString(out, json);
                }
            }
            case "gif", "png" -> {
                if (out == null) {
                    throw new InvalidParameterException("out", "is required with --format " + format);
                }
                int[] wh = parseSize(size);
                if (format.equals("gif")) {
                    PlanAnimation.writeGif(plan, out, wh[0], wh[1], delay);
                } else {
                    PlanAnimation.writePngFrames(plan, out, wh[0], wh[1]);
                }
                stdout.println("wrote " + (plan.rows() + 1) + " pictures to " + out);
            }
            default -> throw new InvalidParameterException("format", "must be one of json, gif, png, got '" + format + "'");
        }
        stdout.flush();
        return 0;
    }

    private PlanPresets.PlanPreset readPreset() {
        try {
            return PlanPresets.read(templatePreset);
        } catch (IOException e) {
            throw new UserInputException("--template-preset: cannot read " + templatePreset + " (" + e.getMessage() + ")");
        } catch (FileFormatException e) {
            throw new UserInputException("--template-preset: " + e.getMessage());
        }
    }

    private int check(PrintWriter stdout) {
        TimestepPlan plan;
        try {
            plan = PlanFiles.read(check);
        } catch (IOException e) {
            throw new UserInputException("--check: cannot read " + check + " (" + e.getMessage() + ")");
        } catch (FileFormatException e) {
            throw new UserInputException("--check: " + e.getMessage());
        }
        List<PlanProblem> problems = PlanValidator.validate(plan, maxWindow);
        problems.forEach(p -> stdout.println(check.getFileName() + ": " + p));
        stdout.println(problems.isEmpty() ? check.getFileName() + ": no problems (" + plan.rows() + " rows × "
                + plan.frames() + " frames)" : problems.size() + " problem(s)");
        stdout.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    private Map<String, Object> templateValues() {
        Map<String, Object> v = new LinkedHashMap<>();
        put(v, "frames", frames);
        put(v, "segments", segments);
        put(v, "strength", strength);
        put(v, "scale", scale);
        put(v, "chunk", chunk);
        put(v, "overlap", overlap);
        put(v, "chunks", chunks);
        put(v, "boundary", boundary);
        put(v, "width", width);
        put(v, "peak", peak);
        put(v, "multipliers", multipliers);
        put(v, "uncertainty", uncertainty);
        put(v, "base-frames", baseFrames);
        put(v, "ar-step", arStep);
        put(v, "block", block);
        put(v, "prefix", prefix);
        put(v, "lag", lag);
        put(v, "chunk-width", chunkWidth);
        put(v, "in-flight", inFlight);
        return v;
    }

    private static void put(Map<String, Object> v, String key, Object value) {
        if (value != null) {
            v.put(key, value);
        }
    }

    private static int[] parseSize(String text) {
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int w = Integer.parseInt(parts[0].trim());
                int h = Integer.parseInt(parts[1].trim());
                if (w >= 64 && h >= 48 && w <= 4096 && h <= 4096) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException("size", "expected WIDTHxHEIGHT from 64x48 to 4096x4096, got '" + text + "'");
    }
}
