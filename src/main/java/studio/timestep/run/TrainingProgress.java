package studio.timestep.run;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One training step as the {@code train} command reports it with {@link #OPTION}: a line per step
 * that the window's training reads from its child process (the progress bar a terminal shows
 * redraws one line and is not meant to be parsed).
 */
public record TrainingProgress(long step, double loss, double samplesPerSecond, double fractionDone) {
    /** The {@code train} option that writes these lines instead of the progress bar. */
    public static final String OPTION = "--progress-lines";
    private static final Pattern LINE = Pattern.compile(
            "progress step=(\\d+) loss=(\\S+) samples/s=(\\S+) done=(\\S+)");

    public String line() {
        return String.format(Locale.ROOT, "progress step=%d loss=%s samples/s=%s done=%s", step, loss, samplesPerSecond,
                fractionDone);
    }

    public static Optional<TrainingProgress> parse(String line) {
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TrainingProgress(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                    Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
