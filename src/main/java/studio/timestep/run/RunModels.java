package studio.timestep.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import studio.timestep.io.FileFormatException;
import studio.timestep.model.AnalyticFlowModel;
import studio.timestep.model.ClipCollection;
import studio.timestep.model.ClipFolder;
import studio.timestep.model.FramePreview;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.MovingShapeClips;
import studio.timestep.model.tiny.ShippedTinyWan;
import studio.timestep.model.tiny.TinyWan;
import studio.timestep.model.wan.WanConfig;
import studio.timestep.model.wan.WanPipelineFolder;
import studio.timestep.model.wan.WanTextEncoder;
import studio.timestep.model.wan.WanTransformer;
import studio.timestep.model.wan.WanVaeDecoder;
import studio.timestep.model.wan.WanVaeFrames;
import studio.timestep.model.wan.WanTransformer;
import studio.timestep.model.wan.WanVelocityModel;
import studio.timestep.model.wan.WanWeights;

/**
 * Model instances per shape, shared by the runs of a session: the embedded collection is
 * generated (or read) once per frame count, a Wan folder is opened once and each plan size keeps
 * its model, so prompts' cross-attention keys survive across the runs of a sweep. Models of other
 * sources are dropped when a source is used, and of one source only the {@link #MAX_SHAPES} most
 * recently used frame counts are kept (a long session of many frame counts no longer keeps a model
 * for each). Safe to call from any thread (the window's worker and its FX thread both do).
 */
public final class RunModels {
    /** The seed of the generated moving-shape collection: every session sees the same clips. */
    public static final long CLIP_SEED = MovingShapeClips.EMBEDDED_SEED;

    private record Key(ModelSource source, int planFrames) {
    }

    private record WanKey(Path dir, String variant) {
    }

    /** Frame counts whose models are kept: a sweep's frame list usually has up to three. */
    static final int MAX_SHAPES = 4;

    private final Map<Key, LoadedModel> models = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, LoadedModel> eldest) {
            return size() > MAX_SHAPES;
        }
    };
    /** Two: a Wan2.2 pipeline's high- and low-noise experts. */
    private final Map<WanKey, WanTransformer> transformers = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<WanKey, WanTransformer> eldest) {
            return size() > 2;
        }
    };
    private final Map<ModelSource.TinyModel, TinyWan> tinyModels = new HashMap<>();

    /** The model for plans of {@code planFrames} frames; a source that cannot be loaded is a RunException. */
    public synchronized LoadedModel model(ModelSource source, int planFrames) {
        Key key = new Key(source, planFrames);
        LoadedModel m = models.get(key);
        if (m == null) {
            models.keySet().removeIf(k -> !k.source().equals(source));
            m = load(source, planFrames);
            models.put(key, m);
        }
        return m;
    }

    /** The Wan transformer of a folder, opened and checked once (every tensor present with its shape). */
    public synchronized WanTransformer transformer(Path dir, String variant) {
        WanKey key = new WanKey(dir.toAbsolutePath().normalize(), variant);
        WanTransformer t = transformers.get(key);
        if (t == null) {
            try {
                t = new WanTransformer(WanWeights.open(dir, variant, null));
            } catch (FileFormatException e) {
                throw new RunException(e.getMessage(), e);
            }
            transformers.put(key, t);
        }
        return t;
    }

    /** A tiny model, opened and checked once; a missing or damaged one names the exact clips model as the way on. */
    public synchronized TinyWan tiny(ModelSource.TinyModel source) {
        TinyWan t = tinyModels.get(source);
        if (t == null) {
            try {
                t = source.folder() == null ? ShippedTinyWan.open() : TinyWan.open(source.folder());
            } catch (FileFormatException e) {
                throw new RunException(e.getMessage() + (source.folder() == null
                        ? "; the shipped tiny model cannot be used — choose the exact clips model (--model exact)" : ""), e);
            }
            tinyModels.clear();
            tinyModels.put(source, t);
        }
        return t;
    }

    /**
     * What a pipeline folder adds to its transformer: its own text path (tokenizer and umT5
     * encoder; embeddings files alone without them) and its VAE's decoded frames (null without one).
     */
    public record PipelineParts(WanVelocityModel.TextEncoder text, FramePreview decoder) {
        /** What a folder check reports of them. */
        public String describe() {
            return (text == WanVelocityModel.EMBEDDINGS_FILES ? "No tokenizer/ and text_encoder/: prompts are umT5 embeddings files."
                    : "Prompts as text: tokenizer/ and the umT5 text_encoder/ (each prompt encoded once, then kept).")
                    + (decoder == null ? "\nNo vae/: runs end on the latent projection." : "\nFrames decoded by vae/ when a run ends.");
        }
    }

    /**
     * The pipeline parts of {@code dir}, checked before any run against the transformer's config:
     * the encoder as wide as its text input, the VAE with its latent channels; one sentence naming
     * the file otherwise.
     */
    public static PipelineParts pipelineParts(Path dir, WanConfig transformer) {
        try {
            WanVelocityModel.TextEncoder text = WanVelocityModel.EMBEDDINGS_FILES;
            WanTextEncoder encoder = WanTextEncoder.of(dir, WanTextEncoder.defaultCacheDir());
            if (encoder != null) {
                encoder.check(transformer.textDim());
                text = encoder;
            }
            Path vae = WanPipelineFolder.vae(dir);
            if (vae == null) {
                return new PipelineParts(text, null);
            }
            WanVaeDecoder decoder = WanVaeDecoder.open(vae);
            if (decoder.config().zDim() != transformer.inChannels()) {
                throw new RunException(vae.resolve("config.json") + ": z_dim is " + decoder.config().zDim() + " but the transformer "
                        + "makes " + transformer.inChannels() + " latent channels: this VAE does not belong to this transformer");
            }
            return new PipelineParts(text, new WanVaeFrames(decoder));
        } catch (FileFormatException e) {
            throw new RunException(e.getMessage(), e);
        }
    }

    private LoadedModel load(ModelSource source, int planFrames) {
        if (source instanceof ModelSource.WanFolder wan) {
            WanTransformer transformer = transformer(wan.dir(), wan.variant());
            PipelineParts parts = pipelineParts(wan.dir(), transformer.config());
            LoadedModel high = WanVelocityModel.load(transformer, wan.size(planFrames), parts.text());
            high = parts.decoder() == null ? high : high.withDecoder(parts.decoder());
            Path second = WanPipelineFolder.lowNoiseTransformer(wan.dir());
            if (second == null) {
                return high;
            }
            double boundary;
            try {
                boundary = WanPipelineFolder.boundaryRatio(wan.dir());
            } catch (FileFormatException e) {
                throw new RunException(e.getMessage(), e);
            }
            LoadedModel low = WanVelocityModel.load(transformer(second, wan.variant()), wan.size(planFrames), parts.text());
            return high.withLowNoise(new LoadedModel.LowNoiseExpert(low.velocity(), boundary));
        }
        if (source instanceof ModelSource.TinyModel tinySource) {
            TinyWan tiny = tiny(tinySource);
            ClipCollection clips = MovingShapeClips.generate(MovingShapeClips.DEFAULT_CLIPS, planFrames, tiny.height(), CLIP_SEED);
            return tiny.load(planFrames, clips);
        }
        ModelSource.EmbeddedClips embedded = (ModelSource.EmbeddedClips) source;
        ClipCollection clips;
        try {
            clips = embedded.folder() == null
                    ? MovingShapeClips.generate(embedded.clips(), planFrames, embedded.size(), CLIP_SEED)
                    : ClipFolder.load(embedded.folder(), planFrames, embedded.size());
        } catch (IOException e) {
            throw new RunException("clips folder " + Objects.requireNonNull(embedded.folder()) + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new RunException(e.getMessage(), e);
        }
        return LoadedModel.of(new AnalyticFlowModel(clips));
    }
}
