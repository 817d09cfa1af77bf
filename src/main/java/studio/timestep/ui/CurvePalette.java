package studio.timestep.ui;

import java.awt.Color;

/** Distinct colours for overlaid curves (Okabe–Ito, readable by colour-blind users), by curve index. */
final class CurvePalette {
    private static final Color[] COLORS = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0), new Color(153, 153, 51),
    };

    private CurvePalette() {
    }

    static Color awt(int curveIndex) {
        return COLORS[curveIndex % COLORS.length];
    }

    static javafx.scene.paint.Color fx(int curveIndex) {
        Color c = awt(curveIndex);
        return javafx.scene.paint.Color.rgb(c.getRed(), c.getGreen(), c.getBlue());
    }
}
