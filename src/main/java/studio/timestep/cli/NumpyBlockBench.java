package studio.timestep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import studio.timestep.sampling.OpenBlasCore;

/**
 * Runs the numpy anchor of {@code bench wan-block} ({@code src/bench/wan_block.py}) for one token
 * count and reads its JSON line. The child gets the OpenBLAS core this process chose: a core set
 * with setenv(3) is not in the environment Java hands to child processes.
 */
final class NumpyBlockBench {
    record Result(double blockSeconds, double gemmSeconds, String version) {
    }

    private NumpyBlockBench() {
    }

    static Result run(Path script, int tokens, int dim, int heads, int ffn, int textTokens, int iterations) {
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), "--tokens", Integer.toString(tokens),
                "--dim", Integer.toString(dim), "--heads", Integer.toString(heads), "--ffn", Integer.toString(ffn),
                "--text-tokens", Integer.toString(textTokens), "--iterations", Integer.toString(iterations)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        String core = OpenBlasCore.chooseBeforeNd4jLoads().core();
        if (core != null) {
            builder.environment().put(OpenBlasCore.VARIABLE, core);
        }
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int exit = process.waitFor();
            if (exit != 0 || output.isEmpty()) {
                throw new UserInputException("--numpy: python3 " + script + " exited with " + exit
                        + " (is numpy installed? its error is above)");
            }
            JsonNode line = new ObjectMapper().readTree(output.lines().reduce((a, b) -> b).orElseThrow());
            return new Result(line.get("block_seconds").asDouble(), line.get("gemm_seconds").asDouble(),
                    line.get("numpy").asText());
        } catch (IOException e) {
            throw new UserInputException("--numpy: cannot run python3 " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserInputException("--numpy: interrupted");
        }
    }
}
