package studio.timestep.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.run.RunException;

/** The command line: {@code timestep-studio <subcommand>}. Bad values exit 2 with one line on stderr. */
@Command(name = "timestep-studio", mixinStandardHelpOptions = true, version = "Timestep Studio 0.1.0",
        description = "Noise schedules and timestep plans for video diffusion models. Without arguments the window opens.",
        subcommands = {ScheduleCommand.class, PlanCommand.class, SampleCommand.class, SweepCommand.class, PlotCommand.class, OptimizeCommand.class, TrainCommand.class, EvaluateCommand.class,
                CalibrateCommand.class,
                BenchCommand.class,
                WanCommand.class})
public final class StudioCommand implements Runnable {
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line; tests call it with their own writers. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new StudioCommand());
        // the backend line of the top-level --help; ND4J loads only when the help is shown
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
                help -> String.format("%nbackend: %s%n", studio.timestep.sampling.Backend.describe()));
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(e.getCommandLine().getCommandName() + ": " + e.getMessage()
                    + " (see --help)");
            err.flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((e, command, parseResult) -> {
            if (e instanceof InvalidParameterException bad) {
                PrintWriter err = command.getErr();
                err.println(command.getCommandName() + ": --" + bad.field() + ": " + bad.detail());
                err.flush();
                return EXIT_USAGE;
            }
            if (e instanceof UserInputException || e instanceof RunException) {
                PrintWriter err = command.getErr();
                err.println(command.getCommandName() + ": " + e.getMessage());
                err.flush();
                return EXIT_USAGE;
            }
            throw e;
        });
        return cl;
    }
}
