package studio.timestep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.OutputPaths;
import studio.timestep.model.ClipCollection;
import studio.timestep.model.tiny.ShippedTinyWan;
import studio.timestep.model.tiny.TinyWan;
import studio.timestep.param.InvalidParameterException;
import studio.timestep.run.TrainingProgress;
import studio.timestep.sampling.MemoryCeiling;
import studio.timestep.train.ClipSet;
import studio.timestep.train.TinyWanTrainer;

/** Trains a tiny Wan-architecture model on clips by flow matching, resumable from its checkpoint. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a tiny Wan-architecture model (WanTransformer3DModel on RGB pixels, caption-word embeddings "
                + "in place of umT5) by flow matching with per-frame noise levels. Writes a model folder for --model tiny:DIR; "
                + "running again with the same --out continues from its checkpoint."})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--clips", defaultValue = "embedded", paramLabel = "embedded|DIR",
            description = "the embedded moving-shape clips, or a folder of your clips: sub-folders of PNG frames or GIF files, "
                    + "captioned by their names (default: ${DEFAULT-VALUE})")
    String clips;

    @Option(names = "--minutes", required = true, paramLabel = "M", description = "training time this session, in minutes")
    double minutes;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the initial weights and the batches (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the model folder (and its checkpoint/)")
    Path out;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Adam's learning rate (default 1e-3; given when "
            + "continuing a checkpoint, it replaces the checkpoint's and restarts Adam's moments)")
    Double learningRate;

    @Option(names = "--from", paramLabel = "shipped|DIR", description = "start from the weights of a tiny model folder "
            + "(shipped: the one this program ships) rather than fresh ones, with Adam's moments fresh; the clips must "
            + "have the caption words it was trained on")
    String from;

    @Option(names = "--checkpoint-minutes", defaultValue = "5", paramLabel = "M",
            description = "minutes between checkpoints (default: ${DEFAULT-VALUE})")
    double checkpointMinutes;

    @Option(names = TrainingProgress.OPTION, hidden = true,
            description = "a line per step for a program to read, instead of the progress bar (the window's training uses it)")
    boolean progressLines;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!(minutes > 0 && minutes <= 7 * 24 * 60)) {
            throw new InvalidParameterException("minutes", "should be more than 0 and at most a week (10080), got " + minutes);
        }
        if (learningRate != null && !(learningRate > 0 && learningRate <= 1)) {
            throw new InvalidParameterException("learning-rate", "should be in (0, 1], got " + learningRate);
        }
        if (!(checkpointMinutes > 0)) {
            throw new InvalidParameterException("checkpoint-minutes", "should be more than 0, got " + checkpointMinutes);
        }
        Path folder = OutputPaths.folder("out", out);
        PrintWriter err = spec.commandLine().getErr();
        ClipCollection collection = ClipSet.load(clips);
        TinyWanTrainer trainer;
        if (TinyWanTrainer.hasCheckpoint(folder)) {
            if (from != null) {
                throw new InvalidParameterException("from", "starts a new training, but " + folder + " holds a checkpoint to "
                        + "continue; give another --out, or leave out --from to continue it");
            }
            try {
                trainer = TinyWanTrainer.resume(folder, collection, learningRate);
            } catch (FileFormatException e) {
                throw new UserInputException(e.getMessage());
            }
            if (trainer.settings().seed() != seed) {
                throw new InvalidParameterException("seed", seed + " differs from the checkpoint's " + trainer.settings().seed()
                        + " in " + folder + "; give --seed " + trainer.settings().seed() + " to continue, or another --out");
            }
            err.printf(Locale.ROOT, "continuing from step %d (%.1f min trained)%n", trainer.step(), trainer.seconds() / 60);
        } else {
            TinyWanTrainer.Settings defaults = TinyWanTrainer.Settings.defaults(seed);
            TinyWanTrainer.Settings settings = learningRate == null ? defaults
                    : new TinyWanTrainer.Settings(defaults.config(), defaults.batch(), learningRate, seed);
            trainer = from == null ? TinyWanTrainer.start(collection, settings) : startFrom(collection, settings);
        }
        err.println(trainer.describe());
        // Ctrl-C stops after the current step and writes the checkpoint and the model before the JVM exits
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch written = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                written.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        MemoryCeiling memory = MemoryCeiling.forTraining();
        try {
            train(trainer, folder, () -> stop.get() || memory.overLimit(), memory::check, err);
        } catch (IOException e) {
            throw new UserInputException("training stopped at step " + trainer.step() + ": " + e.getMessage());
        } finally {
            written.countDown();
        }
        if (!stop.get()) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        err.println();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "wrote %s: %d steps, %d samples, %.1f min trained in all%n", folder, trainer.step(),
                trainer.samples(), trainer.seconds() / 60);
        stdout.flush();
        if (memory.overLimit()) {
            err.println(memory.stopReason("run the same command to continue it"));
            err.flush();
            return 1;
        }
        return 0;
    }

    private TinyWanTrainer startFrom(ClipCollection clips, TinyWanTrainer.Settings settings) {
        try {
            TinyWan model = from.equals("shipped") ? ShippedTinyWan.open() : TinyWan.open(Path.of(from));
            return TinyWanTrainer.startFrom(model, clips, settings);
        } catch (FileFormatException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    private void train(TinyWanTrainer trainer, Path folder, BooleanSupplier stop, Runnable afterStep, PrintWriter err)
            throws IOException {
        trainer.train(minutes, checkpointMinutes, stop, (step, loss, rate, done) -> {
            afterStep.run();
            if (progressLines) {
                err.println(new TrainingProgress(step, loss, rate, done).line());
                err.flush();
                return;
            }
            int filled = (int) Math.round(done * 30);
            err.printf(Locale.ROOT, "\r[%s%s] %3.0f%% step %d  loss %.4f  %.2f samples/s ", "#".repeat(filled),
                    ".".repeat(30 - filled), 100 * done, step, loss, rate);
            err.flush();
        }, folder);
    }
}
