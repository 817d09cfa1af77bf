package studio.timestep.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import studio.timestep.io.CurveFiles;
import studio.timestep.io.FileFormatException;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.CurveWorkspace;
import studio.timestep.schedule.DynamicShiftCurve;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.ScheduleFactory;
import studio.timestep.schedule.StepSchedule;

/** The options that choose a schedule, shared by every command that needs a sigma grid. */
public final class CurveOptions {
    @Option(names = "--curve", paramLabel = "NAME", defaultValue = "flow-shift",
            description = "flow-shift, dynamic, lorentz, cdf, linear-quadratic, manual, timestep-list or two-stage "
                    + "(default: ${DEFAULT-VALUE})")
    String curve;

    @Option(names = "--preset", paramLabel = "FILE", description = "a curve file; its first curve is used")
    Path preset;

    @Option(names = "--shift", description = "flow-shift: s in [0.01, 100]; lorentz: s in [1, 100] (default 1)")
    Double shift;

    @Option(names = "--mu", description = "dynamic: μ (exponential [-10, 10], linear (0, 100])")
    Double mu;

    @Option(names = "--seq-len", paramLabel = "TOKENS", description = "dynamic: μ from the token count (FLUX/SD3 calculate_shift)")
    Integer seqLen;

    @Option(names = "--wan-video", paramLabel = "FxHxW",
            description = "dynamic: token count of a Wan2.1 video, e.g. 81x480x832")
    String wanVideo;

    @Option(names = "--time-shift", description = "dynamic: exponential or linear (default exponential)")
    String timeShift;

    @Option(names = "--cdf", description = "cdf: logistic, gaussian, t2, sech, lorentz, uniform or softsign")
    String cdf;

    @Option(names = "--k", description = "cdf: steepness k in [0.01, 50] (default 3)")
    Double k;

    @Option(names = "--center", description = "cdf: centre c in (0, 1) (default 0.5)")
    Double center;

    @Option(names = "--threshold", description = "linear-quadratic: θ in (0, 1) (default 0.025)")
    Double threshold;

    @Option(names = "--linear-steps", description = "linear-quadratic: linear steps L (default steps/2)")
    Integer linearSteps;

    @Option(names = "--sigmas", description = "manual: the sigma list, e.g. \"1.0, 0.9, 0.5, 0.0\"")
    String sigmas;

    @Option(names = "--timesteps", paramLabel = "LIST", description = "timestep-list: the training timesteps of a "
            + "step-distilled model, e.g. \"1000,750,500,250\" (warped by --shift)")
    String timesteps;

    @Option(names = "--split", description = "two-stage: σ where stage 1 (from 1) meets stage 2 (to 0), in (0, 1) "
            + "(default 0.875)")
    Double split;

    @Option(names = "--high-shift", description = "two-stage: flow shift of stage 1 (default 5)")
    Double highShift;

    @Option(names = "--high-steps", description = "two-stage: steps of stage 1 (default 20)")
    Integer highSteps;

    @Option(names = "--low-shift", description = "two-stage: flow shift of stage 2 (default 5)")
    Double lowShift;

    @Option(names = "--low-steps", description = "two-stage: steps of stage 2 (default 20)")
    Integer lowSteps;

    @Option(names = "--steps", description = "step count in [1, 10000] (default 50)")
    Integer steps;

    @Option(names = "--convention", description = "euler-sigmas, diffusers-euler, wan-unipc or diffusers-unipc "
            + "(default euler-sigmas)")
    String convention;

    /** The curve these options describe; throws {@link InvalidParameterException} naming the option. */
    public CurveSetup toSetup() {
        return toSetup(1, GridConvention.EULER_SIGMAS);
    }

    /** The options that describe a curve themselves, which a preset would silently override. */
    private List<String> curveOptionsGiven() {
        List<String> given = new ArrayList<>();
        Object[][] options = {{"--shift", shift}, {"--mu", mu}, {"--seq-len", seqLen}, {"--wan-video", wanVideo},
            {"--time-shift", timeShift}, {"--cdf", cdf}, {"--k", k}, {"--center", center}, {"--threshold", threshold},
            {"--linear-steps", linearSteps}, {"--sigmas", sigmas}, {"--timesteps", timesteps}, {"--split", split},
            {"--high-shift", highShift}, {"--high-steps", highSteps}, {"--low-shift", lowShift}, {"--low-steps", lowSteps}};
        for (Object[] o : options) {
            if (o[1] != null) {
                given.add((String) o[0]);
            }
        }
        if (!curve.equals(FlowShiftCurve.TYPE)) {
            given.add(0, "--curve");
        }
        return given;
    }

    /**
     * The same where an option not given takes the window's starter curve (flow shift 5 under
     * wan-unipc, 50 steps): what {@code sample} does, so that it samples what the Run tab does.
     */
    public CurveSetup toSetupAsTheWindow() {
        CurveSetup starter = CurveWorkspace.starter().get(0);
        return toSetup(((FlowShiftCurve) starter.schedule()).shift(), starter.convention());
    }

    private CurveSetup toSetup(double defaultFlowShift, GridConvention defaultConvention) {
        if (preset != null) {
            List<String> given = curveOptionsGiven();
            if (!given.isEmpty()) {
                throw new InvalidParameterException("preset", "takes the curve from the file; give it or "
                        + String.join(", ", given) + ", not both");
            }
            return fromPreset();
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", curve);
        put(d, "shift", shift == null && curve.equals(FlowShiftCurve.TYPE) ? (Double) defaultFlowShift : shift);
        put(d, "mu", mu);
        put(d, "seq-len", seqLen);
        put(d, "time-shift", timeShift);
        put(d, "cdf", cdf);
        put(d, "k", k);
        put(d, "center", center);
        put(d, "threshold", threshold);
        put(d, "linear-steps", linearSteps);
        put(d, "sigmas", sigmas);
        put(d, "timesteps", timesteps);
        put(d, "split", split);
        put(d, "high-shift", highShift);
        put(d, "high-steps", highSteps);
        put(d, "low-shift", lowShift);
        put(d, "low-steps", lowSteps);
        if (wanVideo != null) {
            if (seqLen != null) {
                throw new InvalidParameterException("wan-video", "give --seq-len or --wan-video, not both");
            }
            d.put("seq-len", DynamicShiftCurve.parseWanVideo(wanVideo));
        }
        StepSchedule schedule;
        try {
            schedule = ScheduleFactory.fromDescription(d);
        } catch (InvalidParameterException e) {
            throw e.field().equals("type") ? new InvalidParameterException("curve", e.detail()) : e;
        }
        return new CurveSetup(curve, schedule, conventionOr(defaultConvention), stepsOr(50), true);
    }

    private CurveSetup fromPreset() {
        try {
            CurveSetup first = CurveFiles.read(preset).get(0);
            return new CurveSetup(first.name(), first.schedule(), conventionOr(first.convention()),
                    stepsOr(first.steps()), true);
        } catch (IOException e) {
            throw new UserInputException("--preset: cannot read " + preset + " (" + e.getMessage() + ")");
        } catch (FileFormatException e) {
            throw new UserInputException("--preset: " + e.getMessage());
        }
    }

    private GridConvention conventionOr(GridConvention fallback) {
        return convention == null ? fallback : GridConvention.fromId(convention);
    }

    private int stepsOr(int fallback) {
        return steps == null ? fallback : CurveSetup.STEPS.checkInt(steps);
    }

    private static void put(Map<String, Object> d, String key, Object value) {
        if (value != null) {
            d.put(key, value);
        }
    }
}
