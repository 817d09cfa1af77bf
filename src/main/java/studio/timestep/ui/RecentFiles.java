package studio.timestep.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.prefs.Preferences;

/** The last curve files opened or saved, kept in the user's preferences. */
final class RecentFiles {
    private static final int LIMIT = 8;
    private static final String KEY = "recent.curves";
    private final Preferences prefs;

    RecentFiles(Preferences prefs) {
        this.prefs = prefs;
    }

    List<Path> list() {
        String stored = prefs.get(KEY, "");
        return stored.isEmpty() ? List.of() : Arrays.stream(stored.split("\n")).map(Path::of).toList();
    }

    void add(Path file) {
        List<Path> paths = new ArrayList<>(list());
        Path absolute = file.toAbsolutePath();
        paths.remove(absolute);
        paths.add(0, absolute);
        prefs.put(KEY, String.join("\n", paths.stream().limit(LIMIT).map(Path::toString).toList()));
    }

    void remove(Path file) {
        List<Path> paths = new ArrayList<>(list());
        paths.remove(file.toAbsolutePath());
        prefs.put(KEY, String.join("\n", paths.stream().map(Path::toString).toList()));
    }
}
