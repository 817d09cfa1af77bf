package studio.timestep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.SafetensorsFile;
import studio.timestep.model.wan.UmT5Encoder;
import studio.timestep.sampling.Backend;

/**
 * The umT5 text encoder against a reference case: {@code input_ids} and {@code attention_mask}
 * [prompts, tokens] → {@code last_hidden_state}, and Wan's trimmed, zero-padded
 * {@code prompt_embeds} (the umt5 golden README's keys).
 */
@Command(name = "text-check", mixinStandardHelpOptions = true,
        description = "Run a text-encoder case; exit 0 when every output is within 1e-4 relative, 1 otherwise.")
final class WanTextCheck implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "umT5 encoder folder (config.json, "
            + "model.safetensors or its shards): a pipeline's text_encoder/")
    Path model;

    @Option(names = "--case", required = true, paramLabel = "FILE", description = "case .safetensors: input_ids, "
            + "attention_mask, last_hidden_state, prompt_embeds")
    Path caseFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("backend: " + Backend.describe());
        UmT5Encoder encoder;
        try {
            encoder = UmT5Encoder.open(model);
        } catch (FileFormatException e) {
            throw new UserInputException("--model: " + e.getMessage());
        }
        try {
            SafetensorsFile file = SafetensorsFile.open(caseFile);
            long[] shape = file.info("input_ids").shape();
            long[] ids = file.longs("input_ids");
            long[] mask = file.longs("attention_mask");
            if (shape.length != 2 || mask.length != ids.length) {
                throw new UserInputException("--case: input_ids should be [prompts, tokens] with an attention_mask of the same "
                        + "shape, got " + Arrays.toString(shape) + " and " + mask.length + " mask values");
            }
            int prompts = (int) shape[0];
            int tokens = (int) shape[1];
            INDArray hidden = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, prompts, tokens, encoder.config().dModel());
            INDArray embeds = hidden.like();
            long start = System.nanoTime();
            for (int b = 0; b < prompts; b++) {
                long[] rowIds = Arrays.copyOfRange(ids, b * tokens, (b + 1) * tokens);
                long[] rowMask = Arrays.copyOfRange(mask, b * tokens, (b + 1) * tokens);
                hidden.slice(b).assign(encoder.encode(rowIds, rowMask, null));
                int length = (int) Arrays.stream(rowMask).sum();
                embeds.slice(b).assign(encoder.promptEmbeds(Arrays.copyOf(rowIds, length), tokens));
            }
            double ms = (System.nanoTime() - start) / 1e6;
            boolean pass = CaseComparison.report(out, "last_hidden_state", "last_hidden_state", hidden, file.array("last_hidden_state"), ms);
            pass &= CaseComparison.report(out, "prompt_embeds", "prompt_embeds", embeds, file.array("prompt_embeds"), 0);
            out.flush();
            return pass ? 0 : 1;
        } catch (FileFormatException | IllegalArgumentException e) {
            throw new UserInputException("--case: " + e.getMessage());
        }
    }
}
