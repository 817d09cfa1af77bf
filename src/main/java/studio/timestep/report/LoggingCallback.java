package studio.timestep.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The diffusers logging callback the program ships (assets/diffusers_l1_callback.py): a
 * {@code callback_on_step_end} that logs the latent, cond and guided relative L1 of a real
 * Wan / HunyuanVideo run to a CSV that {@link L1Logs} reads.
 */
public final class LoggingCallback {
    public static final String FILE_NAME = "diffusers_l1_callback.py";

    private LoggingCallback() {
    }

    public static String text() throws IOException {
        try (InputStream in = LoggingCallback.class.getResourceAsStream("/assets/" + FILE_NAME)) {
            if (in == null) {
                throw new IOException(FILE_NAME + " is missing from the program's assets");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
