package studio.timestep.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;

/**
 * MagCache's calibrated ratios as a JSON array of numbers, the {@code mag_ratios} list
 * Zehong-Ma/MagCache's scripts print (conditional and unconditional calls interleaved), so a file
 * pastes into its ComfyUI and diffusers nodes and back.
 */
public final class MagRatiosFile {
    private MagRatiosFile() {
    }

    public static double[] read(Path file) throws FileFormatException {
        JsonNode array = StrictJson.read(file, 1 << 20);
        if (!array.isArray() || array.isEmpty()) {
            throw new FileFormatException(file, "", "should hold a JSON array of MagCache's ratios (mag_ratios)");
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            if (!array.get(i).isNumber()) {
                throw new FileFormatException(file, "item " + i, "of mag_ratios is not a number");
            }
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** The array with five decimals, as MagCache's scripts print it. */
    public static String json(double[] ratios) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < ratios.length; i++) {
            json.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.5f", ratios[i]));
        }
        return json.append("]\n").toString();
    }
}
