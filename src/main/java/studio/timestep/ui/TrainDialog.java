package studio.timestep.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import studio.timestep.param.ParameterRange;
import studio.timestep.run.TrainingChild;
import studio.timestep.train.ClipSet;
import studio.timestep.train.TinyWanTrainer;

/**
 * Train a tiny model…: trains a tiny Wan on the clips the Run tab's clips pane names (embedded or
 * a folder) for a number of minutes, with the train command in a child process, showing step, loss and
 * samples/s. On the embedded clips it starts from the shipped model's weights unless told not to.
 * Closing the dialog stops the training and keeps what was trained (checkpoint and model); an output
 * folder that already holds a checkpoint continues it. The trained model becomes the Run tab's model.
 */
final class TrainDialog {
    private TrainDialog() {
    }

    static void open(Node owner, Path clipsFolder, Consumer<Path> trained) {
        String clips = clipsFolder == null ? ClipSet.EMBEDDED : clipsFolder.toString();
        TextField minutes = new TextField("5");
        minutes.setId("trainMinutes");
        minutes.setTooltip(new Tooltip("Training time; the shipped model had " + TinyWanTrainer.SHIPPED_MINUTES
                + " minutes on a 2-core CPU"));
        TextField seed = new TextField("1");
        seed.setId("trainSeed");
        seed.setTooltip(new Tooltip("Seed of the batches, and of the initial weights when they are not the shipped ones"));
        CheckBox fromShipped = new CheckBox("the shipped model's weights");
        fromShipped.setId("trainFromShipped");
        // the shipped model knows the embedded clips' caption words only
        fromShipped.setSelected(clipsFolder == null);
        fromShipped.setDisable(clipsFolder != null);
        fromShipped.setTooltip(new Tooltip(clipsFolder == null
                ? "Train the shipped model further (" + TinyWanTrainer.SHIPPED_MINUTES + " minutes on these clips) rather than "
                + "fresh weights; a model folder holding a checkpoint is continued instead"
                : "Only for the embedded clips: the shipped model knows their caption words, not your clips'"));
        TextField out = new TextField(Path.of(System.getProperty("user.home"), "tiny-wan").toString());
        out.setId("trainOut");
        out.setTooltip(new Tooltip("The model folder; one that holds a checkpoint of the same clips and seed is continued"));
        Button choose = new Button("Choose…");
        choose.setOnAction(e -> {
            File d = new DirectoryChooser().showDialog(choose.getScene().getWindow());
            if (d != null) {
                out.setText(d.getPath());
            }
        });
        GridPane form = FormGrid.create();
        form.addRow(0, new Label("clips"), new Label(clipsFolder == null ? "the embedded moving-shape clips" : clips));
        form.addRow(1, new Label("minutes"), minutes);
        form.addRow(2, new Label("seed"), seed);
        form.addRow(3, new Label("start from"), fromShipped);
        form.addRow(4, new Label("model folder"), new HBox(6, out, choose));
        ProgressBar progress = new ProgressBar(0);
        progress.setMaxWidth(Double.MAX_VALUE);
        Label status = new Label("Flow matching with per-frame noise levels; x_σ = (1−σ)·x0 + σ·ε, target ε − x0.");
        status.setId("trainStatus");
        status.setWrapText(true);
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Train a tiny model");
        d.setHeaderText("Train a tiny Wan-architecture model on these clips");
        d.getDialogPane().setContent(new VBox(8, form, status, progress));
        ButtonType train = new ButtonType("Train", ButtonBar.ButtonData.OK_DONE);
        // closing while training stops it after the step and keeps what was trained
        ButtonType stop = new ButtonType("Close", ButtonBar.ButtonData.CANCEL_CLOSE);
        d.getDialogPane().getButtonTypes().addAll(train, stop);
        d.initOwner(owner.getScene().getWindow());
        Session session = new Session();
        Button start = (Button) d.getDialogPane().lookupButton(train);
        start.setId("trainStart");
        start.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // the dialog stays open while training
            double m;
            long s;
            Path folder;
            try {
                m = ParameterRange.closed("minutes", 0.01, 7 * 24 * 60).check(Double.parseDouble(minutes.getText().trim()));
                s = Long.parseLong(seed.getText().trim());
                folder = Path.of(out.getText().trim());
            } catch (RuntimeException ex) {
                status.setText("Check the fields: " + (ex instanceof NumberFormatException ? "minutes and seed are numbers"
                        : ex.getMessage()));
                return;
            }
            start.setDisable(true);
            form.setDisable(true);
            status.setText("Preparing the clips and the graph…");
            session.begin();
            List<String> args = List.of("--clips", clips, "--minutes", Double.toString(m), "--seed", Long.toString(s), "--out",
                    folder.toString());
            boolean fromShippedWeights = fromShipped.isSelected();
            Thread t = new Thread(() -> run(args, fromShippedWeights, folder, session, progress, status, path -> {
                session.end(); // else the close below is taken for the user's and refused while training
                d.setResult(ButtonType.OK);
                d.close();
                trained.accept(path);
            }, () -> {
                session.end();
                start.setDisable(false);
                form.setDisable(false);
            }), "train-tiny-model");
            t.setDaemon(true);
            t.start();
        });
        d.setOnCloseRequest(e -> {
            if (session.requestStop()) {
                e.consume(); // the trainer stops after its step and writes what it has; the dialog closes then
                status.setText("Stopping after this step; the checkpoint and the model are written…");
            }
        });
        d.show();
    }

    /** Whether a training runs, its child once started, and whether the user asked it to stop (even before it started). */
    private static final class Session {
        private boolean active;
        private boolean stopRequested;
        private TrainingChild child;

        synchronized void begin() {
            active = true;
            stopRequested = false;
        }

        synchronized void attach(TrainingChild started) {
            child = started;
            if (stopRequested) {
                child.stop();
            }
        }

        /** Stops the training if one runs; false when none does (the dialog may then close). */
        synchronized boolean requestStop() {
            if (!active) {
                return false;
            }
            stopRequested = true;
            if (child != null) {
                child.stop();
            }
            return true;
        }

        synchronized void end() {
            active = false;
            child = null;
        }
    }

    /**
     * Trains in a child process ({@link TrainingChild}: about three times the samples/s of the
     * window's own process, whose memory it leaves alone) and follows its lines.
     */
    private static void run(List<String> fields, boolean fromShipped, Path folder, Session session, ProgressBar progress,
                            Label status, Consumer<Path> done, Runnable failed) {
        List<String> args = new ArrayList<>(fields);
        // a folder holding a checkpoint is continued: train refuses --from there
        if (fromShipped && !TinyWanTrainer.hasCheckpoint(folder)) {
            args.addAll(List.of("--from", "shipped"));
        }
        try {
            TrainingChild child = TrainingChild.start(args, p -> {
                        String text = String.format(Locale.ROOT, "step %d · loss %.4f · %.2f samples/s", p.step(), p.loss(),
                                p.samplesPerSecond());
                        Platform.runLater(() -> { // a step takes seconds: one update each is no load on the window
                            progress.setProgress(p.fractionDone());
                            status.setText(text);
                        });
                    }, line -> Platform.runLater(() -> status.setText(line)));
            session.attach(child);
            TrainingChild.Ending end = child.waitFor();
            Platform.runLater(() -> {
                if (end.wroteModel()) {
                    done.accept(folder);
                } else {
                    status.setText("Stopped: " + end.lastMessage());
                    failed.run();
                }
            });
        } catch (IOException e) {
            Platform.runLater(() -> {
                status.setText("Stopped: the training process could not start (" + e.getMessage() + ")");
                failed.run();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
