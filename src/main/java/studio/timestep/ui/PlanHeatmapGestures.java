package studio.timestep.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javafx.scene.input.MouseEvent;
import studio.timestep.plan.PlanEdits;
import studio.timestep.plan.TimestepPlan;

/**
 * What a press or drag on the plan heatmap does with the chosen tool: inspect a cell, paint with
 * the brush, fill a row or a column, select frames, or drag a window edge. The edits of one
 * press → release are one undo step.
 */
final class PlanHeatmapGestures {
    private final PlanEditorModel model;
    private final PlanHeatmapView heatmap;
    private final Supplier<PlanEditorView.Tool> tool;
    private final DoubleSupplier level;
    private final IntSupplier radius;
    private int stroke;
    private int pressedRow;
    private int pressedFrame;
    private boolean pressedEndEdge;

    /** {@code level} is NaN when the level field does not hold a level (the field says so). */
    PlanHeatmapGestures(PlanEditorModel model, PlanHeatmapView heatmap, Supplier<PlanEditorView.Tool> tool,
                        DoubleSupplier level, IntSupplier radius) {
        this.model = model;
        this.heatmap = heatmap;
        this.tool = tool;
        this.level = level;
        this.radius = radius;
    }

    void onCell(int[] cell, MouseEvent e) {
        int r = cell[0];
        int f = cell[1];
        boolean press = e.getEventType() == MouseEvent.MOUSE_PRESSED;
        boolean drag = e.getEventType() == MouseEvent.MOUSE_DRAGGED;
        if (press) {
            stroke++;
            pressedRow = r;
            pressedFrame = f;
        }
        switch (tool.get()) {
            case INSPECT -> {
                if (press) {
                    model.messageProperty().set(heatmap.describe(r, f));
                }
            }
            case BRUSH -> {
                double v = level.getAsDouble();
                if ((press || drag) && !Double.isNaN(v)) {
                    int rad = radius.getAsInt();
                    model.edit(p -> PlanEdits.paint(p, r, f, rad, v), EditHistory.gestureKey("brush", stroke));
                }
            }
            case FILL_ROW -> {
                double v = level.getAsDouble();
                if (press && !Double.isNaN(v)) {
                    model.edit(p -> PlanEdits.fillRow(p, r, v), null);
                }
            }
            case FILL_COLUMN -> {
                double v = level.getAsDouble();
                if (press && !Double.isNaN(v)) {
                    model.edit(p -> PlanEdits.fillColumn(p, f, v), null);
                }
            }
            case SELECT_FRAMES -> select(f, press, drag, e.isShortcutDown());
            case WINDOW_EDGE -> {
                TimestepPlan p0 = model.plan();
                if (press) {
                    pressedEndEdge = Math.abs(f + 1 - p0.windowEnd(r)) <= Math.abs(f - p0.windowStart(r));
                }
                if (drag || press) {
                    int from = Math.min(pressedRow, r);
                    int to = Math.max(pressedRow, r) + 1;
                    int edge = pressedEndEdge ? f + 1 : f;
                    boolean end = pressedEndEdge;
                    model.edit(p -> PlanEdits.moveWindowEdge(p, from, to, end, edge), EditHistory.gestureKey("window", stroke));
                }
            }
        }
    }

    private void select(int f, boolean press, boolean drag, boolean toggle) {
        if (press && toggle) {
            if (!model.selectedFrames().remove(f)) {
                model.selectedFrames().add(f);
            }
        } else if (press || drag) {
            List<Integer> range = new ArrayList<>();
            for (int i = Math.min(pressedFrame, f); i <= Math.max(pressedFrame, f); i++) {
                range.add(i);
            }
            model.selectedFrames().retainAll(range);
            model.selectedFrames().addAll(range);
        }
    }
}
