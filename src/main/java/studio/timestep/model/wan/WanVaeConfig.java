package studio.timestep.model.wan;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import studio.timestep.io.FileFormatException;
import studio.timestep.io.JsonFields;
import studio.timestep.io.StrictJson;

/**
 * The diffusers {@code AutoencoderKLWan} configuration (vae/config.json) as far as the decode and the
 * pipeline's latent un-normalisation use it: the latent channels and their mean and standard
 * deviation. Wan2.2's residual VAE and patched VAE are refused, not misread.
 */
public record WanVaeConfig(int zDim, double[] latentsMean, double[] latentsStd) {
    public static final String CLASS_NAME = "AutoencoderKLWan";

    public static WanVaeConfig read(Path file) throws FileFormatException {
        JsonNode n = StrictJson.read(file, WanConfig.MAX_BYTES);
        JsonFields in = new JsonFields(file);
        in.object(n, "");
        String cls = in.text(n, "_class_name", "_class_name", "");
        if (!cls.equals(CLASS_NAME)) {
            throw new FileFormatException(file, "_class_name", "is '" + cls + "', expected " + CLASS_NAME);
        }
        if (in.bool(n, "is_residual", "is_residual", false) || n.hasNonNull("patch_size")) {
            throw new FileFormatException(file, n.hasNonNull("patch_size") ? "patch_size" : "is_residual", "is set: that is "
                    + "Wan2.2's VAE; only the Wan2.1 VAE is decoded");
        }
        int z = in.integer(n.get("z_dim"), "z_dim", 1, 1024);
        return new WanVaeConfig(z, numbers(in, n, "latents_mean", z), numbers(in, n, "latents_std", z));
    }

    private static double[] numbers(JsonFields in, JsonNode n, String field, int size) throws FileFormatException {
        JsonNode a = in.array(n.get(field), field, size);
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = in.number(a.get(i), field + "[" + i + "]");
        }
        return out;
    }
}
