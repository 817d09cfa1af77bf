package studio.timestep.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import studio.timestep.io.AtomicFiles;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.OutputPaths;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.report.L1Charts;
import studio.timestep.report.L1Logs;
import studio.timestep.report.RunSeries;

/** Plots L1 logs of runs made elsewhere (a patched diffusers callback, a CSV, a metrics.csv) as the seeds' three panels. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Read L1 logs (the seeds' `Step N, Timestep T, L1 = V` lines, a CSV with step,timestep,l1, this "
                + "program's metrics.csv, or a JSON list of [step, timestep, l1]) and write DIR/l1.png (the three "
                + "panels, a series per file) and DIR/series.csv (run,step,timestep,signal,l1).")
public final class PlotCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "L1 logs, one run each")
    List<Path> files;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--signal", defaultValue = "cond", description = "signal plotted: latent, cond or guided (default: ${DEFAULT-VALUE})")
    String signal;

    @Option(names = "--log-signal", defaultValue = "cond", paramLabel = "SIGNAL",
            description = "what a printed log measured (the seeds log the conditional prediction, noise_pred_init: cond; "
                    + "noise_pred after guidance: guided) (default: ${DEFAULT-VALUE})")
    String logSignal;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        for (String[] o : new String[][] {{"signal", signal}, {"log-signal", logSignal}}) {
            if (!L1Charts.SIGNALS.contains(o[1])) {
                throw new InvalidParameterException(o[0], "must be latent, cond or guided, got '" + o[1] + "'");
            }
        }
        Path folder = OutputPaths.folder("out", out);
        List<RunSeries> series = new ArrayList<>();
        StringBuilder csv = new StringBuilder("run,step,timestep,signal,l1\n");
        for (Path f : files) {
            L1Logs.ImportedRun run;
            try {
                run = L1Logs.read(f, logSignal);
            } catch (FileFormatException e) {
                throw new UserInputException(e.getMessage());
            } catch (IOException e) {
                throw new UserInputException("cannot read " + f + " (" + e.getMessage() + ")");
            }
            series.add(new RunSeries(run.name(), run.rows()));
            L1Logs.appendSeries(csv, run.name(), run.rows(), run.signals());
        }
        AtomicFiles.writeString(folder.resolve("series.csv"), csv.toString());
        L1Charts.of(signal, series).writePng(folder.resolve("l1.png"), 480, 380);
        spec.commandLine().getOut().println("wrote l1.png and series.csv (" + files.size() + " runs) to " + folder);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
