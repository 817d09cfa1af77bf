package studio.timestep.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import studio.timestep.sampling.RowMetrics;

/**
 * A sweep as small multiples, as the seed articles compare runs: one row of the three L1 panels
 * per value of the facet parameter (and of any other swept parameter but the colour), the runs
 * of a row coloured by the colour parameter. A numeric colour parameter takes an ordered colour
 * map and one colour key beside all the rows, never a legend line per series, so the plots keep
 * their room however many runs there are.
 */
public final class SweepFigure implements Figure {
    /** A run of the sweep: its swept values by parameter and its rows. */
    public record Member(Map<String, String> columns, List<RowMetrics> rows) {
    }

    /** Pixels of the colour key at the right of a written figure. */
    static final int KEY_WIDTH = 110;
    private static final int HEADER = 28;

    private final String signal;
    private final String colour;
    private final List<String> colourValues;
    private final boolean numeric;
    private final List<String> rowLabels = new ArrayList<>();
    private final List<L1Charts> rows = new ArrayList<>();

    private SweepFigure(String signal, String colour, List<String> colourValues, boolean numeric) {
        this.signal = signal;
        this.colour = colour;
        this.colourValues = colourValues;
        this.numeric = numeric;
    }

    /**
     * The figure of a sweep's runs: {@code colour} and {@code facet} name swept parameters (keys of
     * the members' columns); {@code facet} may be null (rows then differ by the other parameters only).
     */
    public static SweepFigure of(List<Member> members, String colour, String facet, String signal) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a sweep figure needs runs");
        }
        List<String> keys = new ArrayList<>(members.get(0).columns().keySet());
        if (!keys.contains(colour)) {
            throw new IllegalArgumentException("colour: '" + colour + "' is not a swept parameter (" + String.join(", ", keys) + ")");
        }
        if (facet != null && !keys.contains(facet)) {
            throw new IllegalArgumentException("facet: '" + facet + "' is not a swept parameter (" + String.join(", ", keys) + ")");
        }
        List<String> values = members.stream().map(m -> m.columns().get(colour)).distinct().collect(Collectors.toList());
        boolean numeric = values.stream().allMatch(SweepFigure::isNumber);
        if (numeric) {
            values.sort(Comparator.comparingDouble(Double::parseDouble));
        }
        SweepFigure figure = new SweepFigure(signal, colour, values, numeric);
        // rows: the facet first, then every other parameter that varies, colour excepted
        List<String> rowKeys = new ArrayList<>();
        if (facet != null && !facet.equals(colour)) {
            rowKeys.add(facet);
        }
        for (String k : keys) {
            if (!k.equals(colour) && !rowKeys.contains(k)
                    && members.stream().map(m -> m.columns().get(k)).distinct().count() > 1) {
                rowKeys.add(k);
            }
        }
        Map<String, List<Member>> byRow = new LinkedHashMap<>();
        for (Member m : members) {
            String label = rowKeys.stream().map(k -> k + "=" + m.columns().get(k)).collect(Collectors.joining(", "));
            byRow.computeIfAbsent(label, k -> new ArrayList<>()).add(m);
        }
        for (Map.Entry<String, List<Member>> row : byRow.entrySet()) {
            L1Charts charts = new L1Charts(signal);
            charts.setLegendsVisible(false);
            if (!row.getKey().isEmpty()) {
                charts.setSubtitle(row.getKey());
            }
            for (Member m : row.getValue()) {
                String value = m.columns().get(colour);
                int series = charts.start(colour + "=" + value);
                charts.setColor(series, figure.colorOf(value));
                charts.addAll(series, m.rows());
            }
            figure.rowLabels.add(row.getKey());
            figure.rows.add(charts);
        }
        return figure;
    }

    /** The first swept parameter that varies (the first parameter when none does). */
    public static String defaultColour(List<Member> members) {
        List<String> varying = varying(members);
        return varying.isEmpty() ? members.get(0).columns().keySet().iterator().next() : varying.get(0);
    }

    /** The first parameter other than {@code colour} that varies, or null. */
    public static String defaultFacet(List<Member> members, String colour) {
        return varying(members).stream().filter(k -> !k.equals(colour)).findFirst().orElse(null);
    }

    private static List<String> varying(List<Member> members) {
        return members.get(0).columns().keySet().stream()
                .filter(k -> members.stream().map(m -> m.columns().get(k)).distinct().count() > 1).toList();
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The rows of three panels, in order. */
    public List<L1Charts> rows() {
        return rows;
    }

    public List<String> rowLabels() {
        return rowLabels;
    }

    public String colour() {
        return colour;
    }

    /** The colour parameter's values, in their order on the key. */
    public List<String> colourValues() {
        return colourValues;
    }

    public boolean numeric() {
        return numeric;
    }

    public Color colorOf(String value) {
        int i = colourValues.indexOf(value);
        return numeric ? SeriesColors.ordered(i, colourValues.size()) : SeriesColors.categorical(i);
    }

    /** The size a figure of {@code panelWidth} × {@code panelHeight} panels takes, in points. */
    public int width(int panelWidth) {
        return 3 * panelWidth + KEY_WIDTH;
    }

    public int height(int panelHeight) {
        return HEADER + rows.size() * panelHeight;
    }

    /** The figure: a header, the rows of panels sharing the height, and the colour key at the right. */
    @Override
    public void draw(Graphics2D g, int width, int height) {
        double panelWidth = (width - KEY_WIDTH) / 3.0;
        double panelHeight = (height - HEADER) / (double) rows.size();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font("SansSerif", Font.BOLD, 14));
        g.drawString(signal + " L1 of " + (rows.stream().mapToInt(r -> r.charts().get(0).getXYPlot().getDataset()
                .getSeriesCount()).sum()) + " runs, coloured by " + colour, 10, 19);
        for (int r = 0; r < rows.size(); r++) {
            for (int i = 0; i < 3; i++) {
                rows.get(r).charts().get(i).draw(g, new Rectangle2D.Double(i * panelWidth, HEADER + r * panelHeight,
                        panelWidth, panelHeight));
            }
        }
        drawKey(g, (int) (3 * panelWidth) + 8, HEADER + 10, Math.min(height - HEADER - 20, 40 + 26 * colourValues.size()));
    }

    /** The figure as one picture at screen resolution. */
    public BufferedImage render(int panelWidth, int panelHeight) {
        return Figure.image(this, width(panelWidth), height(panelHeight), SCREEN_DPI);
    }

    /** The colour key: the parameter's name, then a block per value, top = first value. */
    private void drawKey(Graphics2D g, int x, int y, int height) {
        g.setFont(new Font("SansSerif", Font.BOLD, 12));
        g.setColor(Color.DARK_GRAY);
        g.drawString(colour, x, y + 10);
        g.setFont(new Font("SansSerif", Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        int top = y + 18;
        int block = Math.max(8, (height - 24) / Math.max(1, colourValues.size()));
        for (int i = 0; i < colourValues.size(); i++) {
            int by = top + i * block;
            g.setColor(colorOf(colourValues.get(i)));
            g.fillRect(x, by, 18, block - (numeric ? 0 : 3));
            g.setColor(Color.DARK_GRAY);
            g.drawString(colourValues.get(i), x + 24, by + block / 2 + fm.getAscent() / 2 - 1);
        }
    }

    public void writePng(Path file, int panelWidth, int panelHeight) throws IOException {
        Figure.write(this, file, width(panelWidth), height(panelHeight), SCREEN_DPI);
    }
}
