package studio.timestep.model.tiny;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import studio.timestep.io.FileFormatException;

/**
 * The tiny model shipped in {@code assets/tiny-wan} (made by the train command; README). Read in
 * place when the assets are files (a source checkout), else copied once out of the jar into a
 * temporary folder, since the checkpoint reader maps files.
 */
public final class ShippedTinyWan {
    static final String ROOT = "/assets/tiny-wan/";
    static final List<String> FILES = List.of(TinyWan.INDEX, "transformer/config.json",
            "transformer/diffusion_pytorch_model.safetensors", "text_encoder/" + CaptionVocabulary.FILE,
            "text_encoder/" + CaptionEncoder.WEIGHTS);

    private static Path folder;

    private ShippedTinyWan() {
    }

    /** Opens and checks the shipped model; missing or damaged files are a FileFormatException naming them. */
    public static TinyWan open() throws FileFormatException {
        return TinyWan.open(folder());
    }

    static synchronized Path folder() throws FileFormatException {
        if (folder != null) {
            return folder;
        }
        URL index = ShippedTinyWan.class.getResource(ROOT + TinyWan.INDEX);
        if (index == null) {
            throw new FileFormatException(Path.of("assets/tiny-wan"), "", "is missing from the program (" + TinyWan.INDEX
                    + " not found)");
        }
        try {
            if (index.getProtocol().equals("file")) {
                folder = Path.of(index.toURI()).getParent();
                return folder;
            }
            Path copy = Files.createTempDirectory("timestep-tiny-wan");
            for (String name : FILES) {
                try (InputStream in = ShippedTinyWan.class.getResourceAsStream(ROOT + name)) {
                    if (in == null) {
                        throw new FileFormatException(Path.of("assets/tiny-wan"), name, "is missing from the program");
                    }
                    Path target = copy.resolve(name);
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().deleteOnExit();
                }
            }
            folder = copy;
            return folder;
        } catch (IOException | URISyntaxException e) {
            throw new FileFormatException(Path.of("assets/tiny-wan"), "", "cannot be read (" + e.getMessage() + ")");
        }
    }
}
