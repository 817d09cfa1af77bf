package studio.timestep.ui;

import java.awt.Color;
import studio.timestep.report.SeriesColors;

/** Colours of overlaid curves and runs, by index (the report's series colours), in AWT and in JavaFX. */
final class CurvePalette {
    private CurvePalette() {
    }

    static Color awt(int curveIndex) {
        return SeriesColors.categorical(curveIndex);
    }

    static javafx.scene.paint.Color fx(int curveIndex) {
        return fx(awt(curveIndex));
    }

    /** The same colour for a JavaFX shape. */
    static javafx.scene.paint.Color fx(Color c) {
        return javafx.scene.paint.Color.rgb(c.getRed(), c.getGreen(), c.getBlue());
    }
}
