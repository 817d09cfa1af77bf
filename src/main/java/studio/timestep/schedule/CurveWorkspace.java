package studio.timestep.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The curves being compared, in display order, and Wan2.2's expert boundary when one is set
 * (null otherwise). Immutable: every edit returns a new workspace.
 */
public record CurveWorkspace(List<CurveSetup> curves, ExpertBoundary boundary) {
    /** Curves one workspace holds: far more than a chart can tell apart, few enough to read any file quickly. */
    public static final int MAX_CURVES = 1000;

    public CurveWorkspace {
        curves = List.copyOf(curves);
    }

    public CurveWorkspace(List<CurveSetup> curves) {
        this(curves, null);
    }

    /** The same curves with another boundary (null: none). */
    public CurveWorkspace withBoundary(ExpertBoundary newBoundary) {
        return new CurveWorkspace(curves, newBoundary);
    }

    /** What File ▸ New opens: one Wan2.1 T2V flow-shift curve. */
    public static CurveWorkspace starter() {
        return new CurveWorkspace(List.of(new CurveSetup("Wan2.1 T2V (shift 5)", new FlowShiftCurve(5),
                GridConvention.WAN_UNIPC, 50, true)));
    }

    public int size() {
        return curves.size();
    }

    public CurveSetup get(int i) {
        return curves.get(i);
    }

    public CurveWorkspace with(int i, CurveSetup setup) {
        List<CurveSetup> c = new ArrayList<>(curves);
        c.set(i, setup);
        return new CurveWorkspace(c, boundary);
    }

    public CurveWorkspace update(int i, UnaryOperator<CurveSetup> change) {
        return with(i, change.apply(curves.get(i)));
    }

    public CurveWorkspace added(CurveSetup setup) {
        List<CurveSetup> c = new ArrayList<>(curves);
        c.add(setup);
        return new CurveWorkspace(c, boundary);
    }

    public CurveWorkspace addedAll(List<CurveSetup> setups) {
        List<CurveSetup> c = new ArrayList<>(curves);
        c.addAll(setups);
        return new CurveWorkspace(c, boundary);
    }

    public CurveWorkspace removed(int i) {
        List<CurveSetup> c = new ArrayList<>(curves);
        c.remove(i);
        return new CurveWorkspace(c, boundary);
    }

    /** Inserts a copy of curve i right after it, named "… copy". */
    public CurveWorkspace duplicated(int i) {
        List<CurveSetup> c = new ArrayList<>(curves);
        c.add(i + 1, curves.get(i).withName(curves.get(i).name() + " copy"));
        return new CurveWorkspace(c, boundary);
    }
}
