package studio.timestep.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import studio.timestep.io.AtomicFiles;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.JsonFields;
import studio.timestep.io.SafetensorsCheckpoint;
import studio.timestep.io.SafetensorsWriter;
import studio.timestep.io.StrictJson;
import studio.timestep.model.ClipCollection;
import studio.timestep.model.tiny.CaptionEncoder;
import studio.timestep.model.tiny.CaptionVocabulary;
import studio.timestep.model.tiny.TinyWan;
import studio.timestep.model.wan.WanConfig;
import studio.timestep.model.wan.WanTensorNames;

/**
 * Trains a tiny Wan transformer and its caption embeddings by flow matching on a clip collection,
 * with ND4J SameDiff's autodiff and Adam ({@link WanGraph} is the forward). Training can stop at
 * any step and continue from its checkpoint ({@code checkpoint/} in the output folder: the graph
 * with Adam's state, and the step reached); the model itself is written as a {@link TinyWan} folder.
 */
public final class TinyWanTrainer {
    /**
     * What is trained and how; {@link #defaults} are the shipped model's. Patch [1, 4, 4]: a token
     * carries 48 pixel values into 128 features. At [1, 8, 8] it carried 192 into 128, so a third of
     * each patch's noise could never be told apart from the picture: the velocity ε − x0 cannot be
     * predicted in those directions and the starting noise stays in the sample (the speckle and 8×8
     * blocks of the model trained that way for 160 minutes).
     */
    public record Settings(WanConfig config, int batch, double learningRate, long seed) {
        public static Settings defaults(long seed) {
            return new Settings(new WanConfig(new int[] {1, 4, 4}, 4, 32, 3, 3, 32, 256, 512, 4, true, 1e-6, 1024), 8, 1e-3,
                    seed);
        }
    }

    /**
     * Told after every step: the step reached, the last measured loss, clip samples per second
     * in this session, and the share of this session's time that has passed.
     */
    public interface Progress {
        void step(long step, double loss, double samplesPerSecond, double fractionDone);
    }

    /** Minutes of training the shipped model had on the embedded clips (README: its sessions). */
    public static final int SHIPPED_MINUTES = 789;

    static final String CHECKPOINT = "checkpoint";
    static final String GRAPH_FILE = "graph.sd";
    static final String STATE_FILE = "state.json";
    static final String TABLE_VARIABLE = "caption_table";
    static final String WORDS = "caption_words";
    /** Steps between loss measurements (each costs a forward pass, about a third of a step). */
    static final int LOSS_EVERY = 10;

    private final Settings settings;
    private final ClipCollection clips;
    private final CaptionVocabulary vocabulary;
    private final TrainingBatches batches;
    private final SameDiff sd;
    private long step;
    private double seconds;

    private TinyWanTrainer(Settings settings, ClipCollection clips, CaptionVocabulary vocabulary, SameDiff sd, long step,
                           double seconds) {
        this.settings = settings;
        this.clips = clips;
        this.vocabulary = vocabulary;
        this.batches = new TrainingBatches(clips, vocabulary, settings.batch(), settings.config().freqDim(), settings.seed());
        this.sd = sd;
        this.step = step;
        this.seconds = seconds;
    }

    /** A new model with freshly initialised weights (seeded). */
    public static TinyWanTrainer start(ClipCollection clips, Settings settings) {
        Nd4j.getRandom().setSeed(settings.seed());
        CaptionVocabulary vocabulary = CaptionVocabulary.of(clips.captions());
        WanConfig c = settings.config();
        INDArray table = Nd4j.randn(DataType.FLOAT, vocabulary.words().size(), c.textDim());
        return new TinyWanTrainer(settings, clips, vocabulary, graph(settings, clips, vocabulary, InitialWeights.of(c), table), 0, 0);
    }

    /**
     * Training that starts from a model folder's weights (one this class exported, the shipped one
     * included), with Adam's moments fresh as after a change of rate; {@code settings}' config is
     * replaced by the model's. The clips must have the caption words the model was trained on.
     */
    public static TinyWanTrainer startFrom(TinyWan model, ClipCollection clips, Settings settings) throws FileFormatException {
        CaptionVocabulary vocabulary = CaptionVocabulary.of(clips.captions());
        if (!vocabulary.equals(model.text().vocabulary())) {
            throw new FileFormatException(model.folder(), TinyWan.TEXT_ENCODER, "was trained on other clips (its caption "
                    + "words differ from these clips')");
        }
        if (model.frames() != clips.frames() || model.height() != clips.height() || model.width() != clips.width()) {
            throw new FileFormatException(model.folder(), TinyWan.INDEX, String.format(Locale.ROOT, "is for %d frames of "
                    + "%d×%d, the clips have %d of %d×%d", model.frames(), model.width(), model.height(), clips.frames(),
                    clips.width(), clips.height()));
        }
        Nd4j.getRandom().setSeed(settings.seed());
        Settings s = new Settings(model.transformer().config(), settings.batch(), settings.learningRate(), settings.seed());
        Map<String, INDArray> weights = new LinkedHashMap<>();
        for (String name : WanTensorNames.expected(s.config()).keySet()) {
            weights.put(name, model.transformer().weights().tensor(name));
        }
        return new TinyWanTrainer(s, clips, vocabulary, graph(s, clips, vocabulary, weights, model.text().table()), 0, 0);
    }

    private static SameDiff graph(Settings settings, ClipCollection clips, CaptionVocabulary vocabulary,
                                  Map<String, INDArray> weights, INDArray captionTable) {
        WanConfig c = settings.config();
        SameDiff sd = SameDiff.create();
        int b = settings.batch();
        SDVariable table = sd.var(TABLE_VARIABLE, captionTable.castTo(DataType.FLOAT).dup());
        // one-hot rows times the table rather than a gather, whose gradient fails in SameDiff M2.1
        SDVariable words = sd.placeHolder(WORDS, DataType.FLOAT, (long) b * vocabulary.maxTokens(), vocabulary.words().size());
        sd.reshape(WanGraph.TEXT, sd.mmul(words, table), b, vocabulary.maxTokens(), c.textDim());
        WanGraph.define(sd, c, weights, b, clips.frames(), clips.height(), clips.width(), vocabulary.maxTokens());
        WanGraph.addLoss(sd, c, b, clips.frames(), clips.height(), clips.width());
        sd.setTrainingConfig(trainingConfig(settings));
        differentiate(sd);
        return sd;
    }

    /**
     * Builds the gradient graph now rather than in the first step. SameDiff M2.1 prints a line per
     * differentiated op to standard output while it does; that is noise in the train command's
     * output, so standard output is muted for the call.
     */
    private static synchronized void differentiate(SameDiff sd) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            sd.createGradFunction();
        } finally {
            System.setOut(out);
        }
    }

    private static TrainingConfig trainingConfig(Settings s) {
        return new TrainingConfig.Builder()
                .updater(new Adam(s.learningRate()))
                .dataSetFeatureMapping(WanGraph.LATENT, WanGraph.TIME, WORDS)
                .dataSetLabelMapping(WanGraph.TARGET, WanGraph.WEIGHT)
                .build();
    }

    /** Whether {@code out} holds a checkpoint to continue from. */
    public static boolean hasCheckpoint(Path out) {
        return Files.isRegularFile(out.resolve(CHECKPOINT).resolve(STATE_FILE))
                && Files.isRegularFile(out.resolve(CHECKPOINT).resolve(GRAPH_FILE));
    }

    /** Continues the training saved in {@code out}'s checkpoint, on the same clips. */
    public static TinyWanTrainer resume(Path out, ClipCollection clips) throws FileFormatException {
        return resume(out, clips, null);
    }

    /**
     * The same with another learning rate (null: the checkpoint's); a new rate starts Adam's
     * moment estimates afresh, as a step decay of the rate does.
     */
    public static TinyWanTrainer resume(Path out, ClipCollection clips, Double learningRate) throws FileFormatException {
        Path dir = out.resolve(CHECKPOINT);
        Path stateFile = dir.resolve(STATE_FILE);
        JsonNode n = StrictJson.read(stateFile, 1 << 20);
        JsonFields in = new JsonFields(stateFile);
        in.object(n, "");
        WanConfig config = WanConfig.read(dir.resolve("config.json"));
        CaptionVocabulary vocabulary = CaptionVocabulary.read(dir.resolve(CaptionVocabulary.FILE));
        if (!vocabulary.equals(CaptionVocabulary.of(clips.captions()))) {
            throw new FileFormatException(dir, "", "was trained on other clips (its caption words differ from these clips')");
        }
        Settings s = new Settings(config, in.integer(n.get("batch"), "batch", 1, 1024), in.number(n.get("learning_rate"),
                "learning_rate"), n.path("seed").asLong());
        SameDiff sd;
        try {
            sd = SameDiff.load(dir.resolve(GRAPH_FILE).toFile(), true);
        } catch (RuntimeException e) {
            throw new FileFormatException(dir.resolve(GRAPH_FILE), "", "cannot be read as a SameDiff graph (" + e.getMessage() + ")");
        }
        if (learningRate != null && learningRate != s.learningRate()) {
            s = new Settings(config, s.batch(), learningRate, s.seed());
            sd.setTrainingConfig(trainingConfig(s));
        } else if (sd.getTrainingConfig() == null) {
            sd.setTrainingConfig(trainingConfig(s));
        }
        differentiate(sd);
        return new TinyWanTrainer(s, clips, vocabulary, sd, n.path("step").asLong(), in.number(n.get("seconds"), "seconds"));
    }

    /** The architecture and its size, for the command's first line and the README. */
    public String describe() {
        WanConfig c = settings.config();
        long params = WanTensorNames.expected(c).values().stream()
                .mapToLong(shape -> Arrays.stream(shape).reduce(1, Math::multiplyExact)).sum();
        long words = (long) vocabulary.words().size() * c.textDim();
        return String.format(Locale.ROOT, "tiny Wan: dim %d (%d heads × %d), ffn %d, %d layers, patch %s, text_dim %d; "
                + "%,d transformer + %,d caption parameters; %d clips of %d×%d×%d, batch %d, Adam %.0e", c.dim(), c.heads(),
                c.headDim(), c.ffnDim(), c.layers(), Arrays.toString(c.patchSize()), c.textDim(), params, words,
                clips.size(), clips.frames(), clips.height(), clips.width(), settings.batch(), settings.learningRate());
    }

    public CaptionVocabulary vocabulary() {
        return vocabulary;
    }

    public Settings settings() {
        return settings;
    }

    public long step() {
        return step;
    }

    /** Clip-samples seen so far. */
    public long samples() {
        return step * settings.batch();
    }

    public double seconds() {
        return seconds;
    }

    /**
     * One optimiser step on the next batch; with {@code measure}, first the batch's loss (a forward
     * pass: SameDiff M2.1's training listeners report 0 for a custom loss), else NaN.
     */
    public double trainStep(boolean measure) {
        long start = System.nanoTime();
        TrainingBatch b = batches.batch(step);
        double loss = measure ? loss(b) : Double.NaN;
        sd.fit(new MultiDataSet(new INDArray[] {b.latent(), b.time(), b.words()}, new INDArray[] {b.target(), b.weight()}));
        step++;
        seconds += (System.nanoTime() - start) / 1e9;
        return loss;
    }

    /** The flow-matching loss of the current weights on a batch. */
    public double loss(TrainingBatch b) {
        Map<String, INDArray> in = Map.of(WanGraph.LATENT, b.latent(), WanGraph.TIME, b.time(), WORDS, b.words(),
                WanGraph.TARGET, b.target(), WanGraph.WEIGHT, b.weight());
        return sd.output(in, WanGraph.LOSS).get(WanGraph.LOSS).getDouble(0);
    }

    /**
     * Trains for {@code minutes} more (or until {@code stop} says so), writing a checkpoint every
     * {@code checkpointMinutes} and at the end, and the model folder at the end.
     */
    public void train(double minutes, double checkpointMinutes, BooleanSupplier stop, Progress progress, Path out)
            throws IOException {
        long begin = System.nanoTime();
        long end = begin + (long) (minutes * 60e9);
        double beginSeconds = seconds;
        long beginSamples = samples();
        long nextCheckpoint = System.nanoTime() + (long) (checkpointMinutes * 60e9);
        double loss = Double.NaN;
        while (System.nanoTime() < end && !stop.getAsBoolean()) {
            // the first step of a session measures too, so that a resumed run does not show "loss NaN"
            boolean measure = step % LOSS_EVERY == 0 || Double.isNaN(loss);
            double measured = trainStep(measure);
            loss = measure ? measured : loss;
            if (measure && !Double.isFinite(loss)) {
                throw new IOException("the loss became " + loss + " at step " + step + "; lower the learning rate (the last "
                        + "checkpoint is kept)");
            }
            double rate = (samples() - beginSamples) / Math.max(1e-9, seconds - beginSeconds);
            progress.step(step, loss, rate, Math.min(1, (System.nanoTime() - begin) / (double) (end - begin)));
            if (System.nanoTime() >= nextCheckpoint) {
                checkpoint(out);
                nextCheckpoint = System.nanoTime() + (long) (checkpointMinutes * 60e9);
            }
        }
        checkpoint(out);
        export(out);
    }

    /** Saves the graph with Adam's state and the step reached. */
    public void checkpoint(Path out) throws IOException {
        Path dir = Files.createDirectories(out.resolve(CHECKPOINT));
        Path graph = dir.resolve(GRAPH_FILE);
        Path partial = dir.resolve(GRAPH_FILE + ".part");
        sd.save(partial.toFile(), true);
        Files.move(partial, graph, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.writeString(dir.resolve("config.json"), settings.config().toJson());
        vocabulary.write(dir.resolve(CaptionVocabulary.FILE));
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("step", step);
        n.put("seconds", seconds);
        n.put("seed", settings.seed());
        n.put("batch", settings.batch());
        n.put("learning_rate", settings.learningRate());
        AtomicFiles.writeString(dir.resolve(STATE_FILE), n.toPrettyString());
    }

    /** Writes the model as a {@link TinyWan} folder: model_index.json, transformer/, text_encoder/. */
    public void export(Path out) throws IOException {
        Path transformer = Files.createDirectories(out.resolve(TinyWan.TRANSFORMER));
        Map<String, SafetensorsWriter.Tensor> tensors = new LinkedHashMap<>();
        for (String name : WanTensorNames.expected(settings.config()).keySet()) {
            tensors.put(name, tensor(sd.getVariable(name).getArr()));
        }
        SafetensorsWriter.write(transformer.resolve(SafetensorsCheckpoint.BASE_NAME + ".safetensors"), tensors);
        AtomicFiles.writeString(transformer.resolve("config.json"), settings.config().toJson());
        new CaptionEncoder(vocabulary, sd.getVariable(TABLE_VARIABLE).getArr().dup())
                .write(Files.createDirectories(out.resolve(TinyWan.TEXT_ENCODER)));
        TinyWan.writeIndex(out, clips.frames(), clips.height(), clips.width());
    }

    private static SafetensorsWriter.Tensor tensor(INDArray a) {
        INDArray c = a.castTo(DataType.FLOAT).dup('c');
        return new SafetensorsWriter.Tensor(c.data().asFloat(), c.shape());
    }
}
