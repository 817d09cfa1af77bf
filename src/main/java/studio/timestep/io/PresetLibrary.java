package studio.timestep.io;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import studio.timestep.schedule.CurveWorkspace;

/** The preset curve files shipped in {@code presets/} (or a folder the user names). */
public final class PresetLibrary {
    /** A preset: its file and the curves it holds. */
    public record Preset(Path file, CurveWorkspace curves) {
        public String name() {
            return curves.get(0).name() + (curves.size() > 1 ? " (+" + (curves.size() - 1) + ")" : "");
        }
    }

    /** The presets that loaded, and one line for each file that did not. */
    public record Listing(List<Preset> presets, List<String> problems) {
    }

    private PresetLibrary() {
    }

    /**
     * {@code -Dstudio.presets=DIR}, else {@code ./presets}, else {@code presets/} beside the folder
     * that holds the jar.
     */
    public static Path defaultDirectory() {
        String property = System.getProperty("studio.presets");
        if (property != null) {
            return Path.of(property);
        }
        Path local = Path.of("presets");
        if (Files.isDirectory(local)) {
            return local;
        }
        try {
            Path jar = Path.of(PresetLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path beside = jar.getParent().getParent().resolve("presets");
            return Files.isDirectory(beside) ? beside : local;
        } catch (URISyntaxException | RuntimeException e) {
            return local;
        }
    }

    public static Listing list(Path dir) {
        List<Preset> presets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.add("no preset folder at " + dir.toAbsolutePath());
            return new Listing(presets, problems);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try {
                    presets.add(new Preset(f, CurveFiles.read(f)));
                } catch (FileFormatException | IOException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add("cannot list " + dir + ": " + e.getMessage());
        }
        presets.sort(Comparator.comparing(Preset::name));
        return new Listing(presets, problems);
    }
}
