package studio.timestep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import studio.timestep.sampling.OpenBlasCore;

/**
 * Runs a benchmark's numpy anchor ({@code src/bench/*.py}) and reads the JSON object it prints
 * last. The child gets the OpenBLAS core this process chose: a core set with setenv(3) is not in
 * the environment Java hands to child processes. It also gets the number of threads the Java side
 * measured with, so that both sides use the same cores.
 */
final class NumpyAnchor {
    private NumpyAnchor() {
    }

    /** Refuses, before any work, a {@code --numpy} script that is not there. */
    static void checkScript(Path script) {
        if (script != null && !Files.isRegularFile(script)) {
            throw new UserInputException("--numpy: no script at " + script.toAbsolutePath()
                    + " (run from the repository, or give its path)");
        }
    }

    static JsonNode run(Path script, int threads, String... arguments) {
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        String core = OpenBlasCore.chooseBeforeNd4jLoads().core();
        if (core != null) {
            builder.environment().put(OpenBlasCore.VARIABLE, core);
        }
        builder.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int exit = process.waitFor();
            if (exit != 0 || output.isEmpty()) {
                throw new UserInputException("--numpy: python3 " + script + " exited with " + exit
                        + " (is numpy installed? its error is above)");
            }
            return new ObjectMapper().readTree(output.lines().reduce((a, b) -> b).orElseThrow());
        } catch (IOException e) {
            throw new UserInputException("--numpy: cannot run python3 " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserInputException("--numpy: interrupted");
        }
    }
}
