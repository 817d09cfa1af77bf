package studio.timestep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import studio.timestep.cli.StudioCommand;
import studio.timestep.sampling.CudaStatus;
import studio.timestep.sampling.OpenBlasCore;
import studio.timestep.sampling.OpenMpWaitPolicy;
import studio.timestep.sampling.PointerAccounting;
import studio.timestep.ui.StudioApp;

/**
 * Entry point of the jar: no arguments (or one curve file) opens the window, anything else is the
 * command line.
 * (A class apart from the JavaFX Application, so the classpath launch finds the JavaFX runtime.)
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        boolean curveFile = args.length == 1 && args[0].endsWith(".json") && Files.isRegularFile(
                Path.of(args[0]));
        boolean window = args.length == 0 || curveFile;
        if (window) {
            OptionalInt child = WindowProcess.runIfWanted(args);
            if (child.isPresent()) {
                System.exit(child.getAsInt());
            }
        }
        PointerAccounting.setBeforeJavaCppLoads();
        OpenBlasCore.chooseBeforeNd4jLoads();
        OpenMpWaitPolicy.chooseBeforeNd4jLoads();
        if (window) {
            // JFreeChart draws through AWT's fonts and shapes only; a headless AWT does not open its own X
            // connection, whose error handler made GTK warn at every start (JDK-8156779), and starts sooner
            if (System.getProperty("java.awt.headless") == null) {
                System.setProperty("java.awt.headless", "true");
            }
            try {
                StudioApp.open(args);
            } catch (RuntimeException e) {
                // JavaFX rethrows what stopped the window from opening ("Unable to open DISPLAY") from launch
                System.err.println("timestep-studio: the window could not open (" + e.getMessage() + "); on a machine "
                        + "without a display the command line works: timestep-studio --help");
                System.exit(1);
            }
            return;
        }
        OptionalInt trained = TrainingProcess.runIfWanted(args, System.err);
        if (trained.isPresent()) {
            System.exit(trained.getAsInt());
        }
        // a CUDA build fails over to the CPU with a stack trace on stderr: load the backend now, quietly
        CudaStatus.loadBackend();
        System.exit(StudioCommand.run(args));
    }
}
