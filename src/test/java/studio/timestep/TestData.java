package studio.timestep;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Test data shipped in src/test/resources (copied there from the project's golden cases), found on the class path. */
public final class TestData {
    private TestData() {
    }

    /** A folder or file under src/test/resources, e.g. {@code golden/wan/tiny}. */
    public static Path path(String resource) {
        URL url = TestData.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("test resource " + resource + " is missing from src/test/resources");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Wan transformer golden cases (README.md beside them says how they were made). */
    public static Path wanGolden() {
        return path("golden/wan");
    }
}
