package studio.timestep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.SafetensorsFile;
import studio.timestep.model.wan.WanConfig;
import studio.timestep.model.wan.WanPipelineFolder;
import studio.timestep.model.wan.UmT5Encoder;
import studio.timestep.model.wan.WanTransformer;
import studio.timestep.model.wan.WanVaeDecoder;
import studio.timestep.model.wan.WanWeights;
import studio.timestep.param.ParameterRange;
import studio.timestep.sampling.Backend;

/** The Wan2.1 transformer: what a model folder holds, and whether the port reproduces reference outputs. */
@Command(name = "wan", mixinStandardHelpOptions = true, description = "Inspect a Wan2.1 model folder or check its parts (transformer, text encoder, VAE) against reference outputs.",
        subcommands = {WanCommand.Info.class, WanCommand.Check.class, WanTextCheck.class, WanVaeCheck.class})
public final class WanCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static WanWeights open(Path folder, String variant) {
        try {
            return WanWeights.open(folder, variant, null);
        } catch (FileFormatException e) {
            throw new UserInputException("--model: " + e.getMessage());
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Config, parameter count, dtypes and the memory the weights need in FLOAT32 and BF16; for a pipeline "
                    + "folder also its tokenizer, text encoder and VAE.")
    static final class Info implements Callable<Integer> {
        /** A pipeline's other parts: what is there, and what is missing for prompt-to-frames. */
        private void describeParts(PrintWriter out) throws FileFormatException {
            Path tokenizer = model.resolve("tokenizer").resolve("tokenizer.json");
            Path encoder = model.resolve("text_encoder");
            out.println();
            out.println("tokenizer   " + (java.nio.file.Files.isRegularFile(tokenizer) ? tokenizer
                    : "none (no tokenizer/tokenizer.json: prompts need --prompt-embeds)"));
            out.println();
            if (java.nio.file.Files.isDirectory(encoder)) {
                out.println("text_encoder " + encoder + ":");
                UmT5Encoder.open(encoder).describe().forEach(out::println);
            } else {
                out.println("text_encoder none (no text_encoder/: prompts need --prompt-embeds)");
            }
            out.println();
            Path vae = WanPipelineFolder.vae(model);
            if (vae != null) {
                out.println("vae         " + vae + ":");
                WanVaeDecoder.open(vae).describe().forEach(out::println);
            } else {
                out.println("vae         none (no vae/: runs end on the latent projection, not decoded frames)");
            }
        }

        @Option(names = "--model", required = true, paramLabel = "DIR", description = "diffusers Wan transformer (or pipeline) folder")
        Path model;

        @Option(names = "--variant", paramLabel = "NAME", description = "weights variant, e.g. bf16")
        String variant;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws FileFormatException {
            PrintWriter out = spec.commandLine().getOut();
            open(model, variant).describe().forEach(out::println);
            describeParts(out);
            Path second = WanPipelineFolder.lowNoiseTransformer(model);
            if (second != null) {
                double boundary = WanPipelineFolder.boundaryRatio(model);
                out.println();
                out.println("transformer_2 (the low-noise expert, from boundary_ratio " + (Double.isNaN(boundary) ? "— none given"
                        : ParameterRange.format(boundary)) + " down):");
                open(second, variant).describe().forEach(out::println);
            }
            out.flush();
            return 0;
        }
    }

    /**
     * Runs the cases of a reference file: {@code hidden_states} and {@code encoder_hidden_states}
     * with {@code timestep} → {@code output} and {@code timestep_per_token} → {@code output_per_token}
     * (with BF16 weights, {@code timestep} → {@code output_bf16_weights} where the file has it).
     */
    /** The case's inputs must be what this model takes, before anything runs. */
    static void checkShapes(WanConfig config, INDArray latent, INDArray text) {
        int[] p = config.patchSize();
        if (latent.rank() != 4 || latent.size(0) != config.inChannels() || latent.size(1) % p[0] != 0
                || latent.size(2) % p[1] != 0 || latent.size(3) % p[2] != 0) {
            throw new UserInputException("--case: hidden_states has shape " + Arrays.toString(latent.shape())
                    + "; this model takes [" + config.inChannels() + ", F, H, W] with F, H, W multiples of the patch "
                    + Arrays.toString(p));
        }
        if (text.rank() != 2 || text.size(1) != config.textDim()) {
            throw new UserInputException("--case: encoder_hidden_states has shape " + Arrays.toString(text.shape())
                    + "; this model takes [tokens, " + config.textDim() + "]");
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Run the cases of a reference file; exit 0 when every output is within 1e-4 relative, 1 otherwise.")
    static final class Check implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "DIR", description = "diffusers Wan transformer folder")
        Path model;

        @Option(names = "--case", required = true, paramLabel = "FILE", description = "case .safetensors (golden README keys)")
        Path caseFile;

        @Option(names = "--variant", paramLabel = "NAME", description = "weights variant, e.g. bf16")
        String variant;

        @Spec
        CommandSpec spec;

        private record Case(String input, String expected) {
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("backend: " + Backend.describe());
            WanTransformer transformer = new WanTransformer(open(model, variant));
            try {
                SafetensorsFile file = SafetensorsFile.open(caseFile);
                INDArray latent = file.array("hidden_states");
                INDArray text = file.array("encoder_hidden_states");
                // the golden files carry a batch dimension of 1
                latent = latent.rank() == 5 ? latent.reshape(Arrays.copyOfRange(latent.shape(), 1, 5)) : latent;
                text = text.rank() == 3 ? text.reshape(text.size(1), text.size(2)) : text;
                checkShapes(transformer.config(), latent, text);
                var prompt = transformer.prompt(text);
                boolean bf16 = variant != null && variant.equalsIgnoreCase("bf16")
                        && file.tensors().containsKey("output_bf16_weights");
                List<Case> cases = new ArrayList<>();
                cases.add(new Case("timestep", bf16 ? "output_bf16_weights" : "output"));
                if (!bf16) {
                    // the per-token reference was computed with the F32 weights only
                    cases.add(new Case("timestep_per_token", "output_per_token"));
                }
                boolean allPass = true;
                int ran = 0;
                for (Case c : cases) {
                    if (!file.tensors().containsKey(c.input()) || !file.tensors().containsKey(c.expected())) {
                        continue;
                    }
                    float[] t = file.floats(c.input());
                    long tokens = transformer.tokens(latent.size(1), latent.size(2), latent.size(3));
                    if (t.length != 1 && t.length != tokens) {
                        throw new UserInputException("--case: " + c.input() + " has " + t.length + " values; the latent has "
                                + tokens + " tokens (give one timestep, or one per token)");
                    }
                    long start = System.nanoTime();
                    INDArray output = t.length == 1 ? transformer.forward(latent, t[0], prompt)
                            : transformer.forward(latent, t, prompt);
                    double ms = (System.nanoTime() - start) / 1e6;
                    allPass &= CaseComparison.report(out, String.format(Locale.ROOT, "%-20s → %-20s", c.input(), c.expected()),
                            c.expected(), output, file.array(c.expected()), ms);
                    ran++;
                }
                if (ran == 0) {
                    throw new UserInputException("--case: " + caseFile.getFileName() + " has none of the case keys "
                            + "(timestep → output, timestep_per_token → output_per_token)");
                }
                out.flush();
                return allPass ? 0 : 1;
            } catch (FileFormatException e) {
                throw new UserInputException("--case: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
        }
    }
}
