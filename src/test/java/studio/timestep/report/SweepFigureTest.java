package studio.timestep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import studio.timestep.sampling.RowMetrics;

class SweepFigureTest {
    static List<SweepFigure.Member> sweep(List<String> steps, List<String> shifts, List<String> frames) {
        List<SweepFigure.Member> members = new ArrayList<>();
        for (String n : steps) {
            for (String s : shifts) {
                for (String f : frames) {
                    Map<String, String> c = new LinkedHashMap<>();
                    c.put("steps", n);
                    c.put("shift", s);
                    c.put("frames", f);
                    int rows = Integer.parseInt(n);
                    List<RowMetrics> r = new ArrayList<>();
                    for (int i = 0; i < rows; i++) {
                        r.add(new RowMetrics(i, rows, 1000.0 * (rows - i) / rows, 0.1, 0.2, 0.3 / (i + 1),
                                new double[0], new double[0], new double[0], new double[0]));
                    }
                    members.add(new SweepFigure.Member(c, r));
                }
            }
        }
        return members;
    }

    @Test
    void aRowOfPanelsPerFacetValueAndOtherSweptValueRunsColouredInOrder() {
        List<SweepFigure.Member> m = sweep(List.of("10", "20", "50"), List.of("3", "7", "11"), List.of("1", "9", "17"));
        assertEquals("steps", SweepFigure.defaultColour(m));
        assertEquals("shift", SweepFigure.defaultFacet(m, "steps"));
        SweepFigure f = SweepFigure.of(m, "steps", "shift", "guided");
        assertEquals(9, f.rows().size(), "shift × frames");
        assertEquals("shift=3, frames=1", f.rowLabels().get(0));
        assertEquals("shift=11, frames=17", f.rowLabels().get(8));
        assertTrue(f.numeric());
        assertEquals(List.of("10", "20", "50"), f.colourValues());
        assertEquals(3, f.rows().get(0).charts().get(0).getXYPlot().getDataset().getSeriesCount());
        assertFalse(f.rows().get(0).charts().get(0).getLegend().isVisible(), "one colour key, no legend per panel");
        assertEquals(3, new HashSet<>(List.of(f.colorOf("10"), f.colorOf("20"), f.colorOf("50"))).size());
        BufferedImage image = f.render(400, 280);
        assertEquals(3 * 400 + SweepFigure.KEY_WIDTH, image.getWidth());
        assertEquals(28 + 9 * 280, image.getHeight());
    }

    @Test
    void unorderedValuesAndASingleVaryingParameter() {
        List<SweepFigure.Member> m = sweep(List.of("10"), List.of("3", "7"), List.of("1"));
        assertEquals("shift", SweepFigure.defaultColour(m));
        assertNull(SweepFigure.defaultFacet(m, "shift"));
        SweepFigure f = SweepFigure.of(m, "shift", null, "guided");
        assertEquals(List.of(""), f.rowLabels(), "nothing else varies: one row");
        m.get(1).columns().put("shift", "lorentz");
        SweepFigure named = SweepFigure.of(m, "shift", null, "guided");
        assertFalse(named.numeric());
        assertNotEquals(named.colorOf("3"), named.colorOf("lorentz"));
    }

    @Test
    void seriesColoursDoNotRepeatWithinTheFirstDozens() {
        assertEquals(40, new HashSet<>(IntStream.range(0, 40).mapToObj(SeriesColors::categorical).toList()).size());
    }
}
