package studio.timestep.report;

import java.awt.Color;
import studio.timestep.plan.PlanHeatmap;

/**
 * Colours of series. Unordered series take the Okabe–Ito palette (distinguishable with the common
 * colour-vision deficiencies) and then hues a golden angle apart, so no two of the first dozens
 * share a colour; ordered values (a swept number) take the viridis map, dark to light.
 */
public final class SeriesColors {
    private static final Color[] OKABE_ITO = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), Color.BLACK, new Color(153, 153, 51)};
    /** The lightest viridis colours vanish on white: ordered colours stop short of them. */
    private static final double ORDERED_END = 0.88;

    private SeriesColors() {
    }

    /** The colour of the {@code index}-th unordered series. */
    public static Color categorical(int index) {
        if (index < OKABE_ITO.length) {
            return OKABE_ITO[index];
        }
        float hue = (float) (((index - OKABE_ITO.length) * 0.381966) % 1.0);
        float brightness = (index / 3) % 2 == 0 ? 0.75f : 0.55f;
        return Color.getHSBColor(hue, 0.85f, brightness);
    }

    /** The colour of rank {@code rank} of {@code count} ordered values. */
    public static Color ordered(int rank, int count) {
        double t = count <= 1 ? 0 : ORDERED_END * rank / (count - 1);
        return new Color(PlanHeatmap.color(t), false);
    }
}
