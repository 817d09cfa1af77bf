package studio.timestep.model.tiny;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import studio.timestep.io.AtomicFiles;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.JsonFields;
import studio.timestep.io.StrictJson;
import studio.timestep.model.ClipCollection;
import studio.timestep.model.LoadedModel;
import studio.timestep.model.wan.WanTransformer;
import studio.timestep.model.wan.WanVelocityModel;
import studio.timestep.model.wan.WanWeights;

/**
 * A tiny Wan-architecture model over RGB pixels (no VAE: a frame is the picture, in [-1, 1]) in a
 * diffusers-style folder: {@code model_index.json} (the frame size it was trained at),
 * {@code transformer/} (config.json and weights, opened and checked like any Wan folder) and
 * {@code text_encoder/} (its caption vocabulary and word embeddings).
 */
public record TinyWan(Path folder, WanTransformer transformer, CaptionEncoder text, int frames, int height, int width) {
    public static final String INDEX = "model_index.json";
    public static final String CLASS_NAME = "TinyWanPipeline";
    public static final String TRANSFORMER = "transformer";
    public static final String TEXT_ENCODER = "text_encoder";

    public static TinyWan open(Path folder) throws FileFormatException {
        Path index = folder.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            throw new FileFormatException(folder, "", "is not a tiny model folder (no " + INDEX + ")");
        }
        JsonNode n = StrictJson.read(index, 1 << 20);
        JsonFields in = new JsonFields(index);
        in.object(n, "");
        String cls = in.text(n, "_class_name", "_class_name", "");
        if (!cls.equals(CLASS_NAME)) {
            throw new FileFormatException(index, "_class_name", "is '" + cls + "', expected " + CLASS_NAME);
        }
        int frames = in.integer(n.get("frames"), "frames", 1, 1024);
        int height = in.integer(n.get("height"), "height", 8, 1024);
        int width = in.integer(n.get("width"), "width", 8, 1024);
        WanTransformer transformer = new WanTransformer(WanWeights.open(folder.resolve(TRANSFORMER), null,
                WanWeights.Residency.FLOAT32));
        int[] p = transformer.config().patchSize();
        if (transformer.config().inChannels() != 3 || p[0] != 1 || height % p[1] != 0 || width % p[2] != 0) {
            throw new FileFormatException(folder.resolve(TRANSFORMER), "config.json", "should take RGB frames (in_channels 3, "
                    + "patch_size [1, h, w] dividing " + height + "×" + width + ")");
        }
        CaptionEncoder text = CaptionEncoder.read(folder.resolve(TEXT_ENCODER));
        if (text.textDim() != transformer.config().textDim()) {
            throw new FileFormatException(folder.resolve(TEXT_ENCODER), CaptionEncoder.WEIGHTS, "has text_dim " + text.textDim()
                    + ", the transformer's config " + transformer.config().textDim());
        }
        return new TinyWan(folder, transformer, text, frames, height, width);
    }

    /** Writes model_index.json (the transformer and text encoder are written by whoever trained them). */
    public static void writeIndex(Path folder, int frames, int height, int width) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode n = json.createObjectNode();
        n.put("_class_name", CLASS_NAME);
        n.put("frames", frames);
        n.put("height", height);
        n.put("width", width);
        AtomicFiles.writeString(folder.resolve(INDEX), json.writerWithDefaultPrettyPrinter().writeValueAsString(n));
    }

    /**
     * The model for plans of {@code planFrames} frames at its size, with {@code clips} as the
     * sources of clip:N condition frames and the pixel preview.
     */
    public LoadedModel load(int planFrames, ClipCollection clips) {
        String name = "tiny Wan (" + transformer.config().dim() + " dim, " + transformer.config().layers() + " layers) at "
                + width + "×" + height + ", " + planFrames + " frames";
        return LoadedModel.pixels(new WanVelocityModel(transformer, planFrames, height, width, text, name), clips);
    }
}
