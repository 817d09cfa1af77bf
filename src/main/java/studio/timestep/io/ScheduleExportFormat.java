package studio.timestep.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.param.NamedOption;
import studio.timestep.schedule.CurveSetup;
import studio.timestep.schedule.ExpertBoundary;
import studio.timestep.schedule.FlowShiftCurve;
import studio.timestep.schedule.GridConvention;
import studio.timestep.schedule.SigmaGrid;

/**
 * The text forms a schedule is taken back to other tools in (diffusers FlowMatchEulerDiscreteScheduler
 * shifts the sigmas it is given again; ComfyUI ManualSigmas reads numbers without exponents).
 */
public enum ScheduleExportFormat implements NamedOption {
    /** {"curve": {...}, "convention": ..., "steps": N, "sigmas": [N+1], "timesteps": [N]}. */
    JSON("json", "json") {
        @Override
        public String render(CurveSetup setup) {
            SigmaGrid grid = setup.grid();
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.set("curve", Json.MAPPER.valueToTree(setup.schedule().describe()));
            root.put("convention", setup.schedule().usesConvention() ? setup.convention().id() : null);
            root.put("steps", grid.steps());
            ArrayNode sigmas = root.putArray("sigmas");
            Arrays.stream(grid.sigmas()).forEach(sigmas::add);
            ArrayNode timesteps = root.putArray("timesteps");
            Arrays.stream(grid.timesteps()).forEach(timesteps::add);
            try {
                return Json.MAPPER.writeValueAsString(root) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    },
    /** step,sigma,timestep,delta_sigma; the last line is the final σ = 0. */
    CSV("csv", "csv") {
        @Override
        public String render(CurveSetup setup) {
            SigmaGrid grid = setup.grid();
            StringBuilder out = new StringBuilder("step,sigma,timestep,delta_sigma\n");
            for (int i = 0; i < grid.steps(); i++) {
                out.append(i).append(',').append(grid.sigma(i)).append(',').append(grid.timestep(i)).append(',')
                        .append(grid.stepSize(i)).append('\n');
            }
            out.append(grid.steps()).append(',').append(grid.sigma(grid.steps())).append(",,\n");
            return out.toString();
        }
    },
    /**
     * A Python snippet for diffusers: the N sigmas (diffusers appends the final 0) with a
     * FlowMatchEuler scheduler at shift=1.0, since it would otherwise shift the given sigmas again.
     */
    DIFFUSERS("diffusers", "py") {
        @Override
        public String render(CurveSetup setup) {
            boolean unipc = setup.convention() == GridConvention.WAN_UNIPC || setup.convention() == GridConvention.DIFFUSERS_UNIPC;
            if (unipc && setup.schedule() instanceof FlowShiftCurve flow) {
                // diffusers' UniPCMultistepScheduler.set_timesteps(num_inference_steps, device, mu) takes no sigmas:
                // with use_flow_sigmas it shifts its own grid by flow_shift, the grid of this convention
                return "# Timestep Studio: " + header(setup) + "\n"
                        + "# The UniPC scheduler the Wan diffusers checkpoints ship, with this curve's shift. It takes no\n"
                        + "# custom sigmas: flow_shift gives it exactly this grid.\n"
                        + "from diffusers import UniPCMultistepScheduler\n\n"
                        + "pipe.scheduler = UniPCMultistepScheduler.from_config(\n"
                        + "    pipe.scheduler.config, prediction_type=\"flow_prediction\", use_flow_sigmas=True,\n"
                        + "    flow_shift=" + flow.shift() + ")\n"
                        + "result = pipe(prompt=prompt, num_inference_steps=" + setup.steps() + ")\n";
            }
            SigmaGrid grid = setup.grid();
            String sigmas = Arrays.stream(Arrays.copyOf(grid.sigmas(), grid.steps()))
                    .mapToObj(Double::toString).collect(Collectors.joining(", "));
            return "# Timestep Studio: " + header(setup) + "\n"
                    + (unipc ? "# diffusers' UniPCMultistepScheduler takes no custom sigmas (only flow_shift), so this curve\n"
                            + "# runs on FlowMatchEulerDiscreteScheduler with the same sigmas: the solver is Euler, not UniPC.\n"
                            : "")
                    + "# diffusers appends the final 0 itself. shift=1.0 because FlowMatchEuler would otherwise\n"
                    + "# shift these already-shifted sigmas a second time.\n"
                    + "from diffusers import FlowMatchEulerDiscreteScheduler\n\n"
                    + "sigmas = [" + sigmas + "]\n"
                    + "pipe.scheduler = FlowMatchEulerDiscreteScheduler.from_config(\n"
                    + "    pipe.scheduler.config, shift=1.0, use_dynamic_shifting=False)\n"
                    + "# for pipelines that take sigmas= (HunyuanVideo, FLUX, SD3, ...):\n"
                    + "result = pipe(prompt=prompt, num_inference_steps=len(sigmas), sigmas=sigmas)\n";
        }
    },
    /**
     * Fixed-point decimals joined by ", ": ComfyUI ManualSigmas reads numbers with a regex that
     * does not understand exponents, and KJNodes CustomSigmas splits on ", ".
     */
    COMFYUI("comfyui", "txt") {
        @Override
        public String render(CurveSetup setup) {
            return Arrays.stream(setup.grid().sigmas()).mapToObj(ScheduleExportFormat::fixedPoint)
                    .collect(Collectors.joining(", ")) + "\n";
        }
    },
    /**
     * Arguments of Wan2.1's generate.py: only a plain flow shift under a convention Wan itself
     * uses (unipc: wan-unipc; dpm++: euler-sigmas).
     */
    WAN("wan", "txt") {
        @Override
        public String render(CurveSetup setup) {
            if (!(setup.schedule() instanceof FlowShiftCurve flow)) {
                throw new InvalidParameterException("format",
                        "Wan's generate.py takes only a plain flow shift; this curve is " + setup.schedule().label());
            }
            String solver = switch (setup.convention()) {
                case WAN_UNIPC -> "unipc";
                case EULER_SIGMAS -> "dpm++";
                default -> throw new InvalidParameterException("format", "Wan's generate.py samples under "
                        + GridConvention.WAN_UNIPC.id() + " (unipc) or " + GridConvention.EULER_SIGMAS.id()
                        + " (dpm++), not " + setup.convention().id());
            };
            return "--sample_solver " + solver + " --sample_steps " + setup.steps() + " --sample_shift "
                    + flowShift(flow) + "\n";
        }
    };

    /** Built at the first export, not when the window lists the formats (Jackson's start costs ~0.1 s). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private final String id;
    private final String extension;

    ScheduleExportFormat(String id, String extension) {
        this.id = id;
        this.extension = extension;
    }

    /** The text of this format; throws {@link InvalidParameterException} when the curve has none. */
    public abstract String render(CurveSetup setup);

    /**
     * The same with Wan2.2's expert split, where the format can hold it: JSON gains
     * {@code "boundary": {"value", "high_steps", "low_steps"}}, CSV an {@code expert} column, the
     * diffusers snippet a comment; the others cannot say it. {@code boundary} may be null.
     */
    public String render(CurveSetup setup, ExpertBoundary boundary) {
        String text = render(setup);
        if (boundary == null) {
            return text;
        }
        SigmaGrid grid = setup.grid();
        int high = boundary.highSteps(grid);
        return switch (this) {
            case JSON -> {
                try {
                    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(text);
                    ObjectNode b = root.putObject("boundary");
                    b.put("value", boundary.value());
                    b.put("high_steps", high);
                    b.put("low_steps", grid.steps() - high);
                    yield Json.MAPPER.writeValueAsString(root) + "\n";
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            case CSV -> {
                List<String> lines = text.lines().toList();
                StringBuilder out = new StringBuilder(lines.get(0)).append(",expert\n");
                for (int i = 1; i < lines.size(); i++) {
                    int step = i - 1;
                    out.append(lines.get(i)).append(',').append(step < grid.steps() ? (step < high ? "high" : "low") : "")
                            .append('\n');
                }
                yield out.toString();
            }
            case DIFFUSERS -> "# Wan2.2 experts at boundary " + boundary.value() + ": the high-noise expert runs the first "
                    + high + " steps, the low-noise expert the last " + (grid.steps() - high) + "\n" + text;
            default -> text;
        };
    }

    /** The format's name as a menu shows it. */
    public String menuName() {
        return switch (this) {
            case JSON -> "JSON";
            case CSV -> "CSV";
            case DIFFUSERS -> "Diffusers snippet";
            case COMFYUI -> "ComfyUI sigmas";
            case WAN -> "Wan generate.py arguments";
        };
    }

    @Override
    public String id() {
        return id;
    }

    public String extension() {
        return extension;
    }

    @Override
    public String toString() {
        return id;
    }

    public static ScheduleExportFormat fromId(String id) {
        return NamedOption.parse(ScheduleExportFormat.class, "format", id);
    }

    /** Six decimals, no exponent, no trailing zeros: "0.953125", "1", "0". */
    static String fixedPoint(double v) {
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String flowShift(FlowShiftCurve flow) {
        return BigDecimal.valueOf(flow.shift()).stripTrailingZeros().toPlainString();
    }

    private static String header(CurveSetup setup) {
        return setup.name() + ": " + setup.schedule().label()
                + (setup.schedule().usesConvention() ? ", " + setup.convention().id() : "")
                + ", " + setup.grid().steps() + " steps";
    }
}
