package studio.timestep;

import studio.timestep.cli.StudioCommand;

/**
 * Entry point of the jar: no arguments opens the window, anything else is the command line.
 * (A class apart from the JavaFX Application, so the classpath launch finds the JavaFX runtime.)
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            javafx.application.Application.launch(studio.timestep.ui.StudioApp.class, args);
            return;
        }
        System.exit(StudioCommand.run(args));
    }
}
