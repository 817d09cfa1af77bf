package studio.timestep.report;

import java.util.List;
import studio.timestep.sampling.RowMetrics;

/** One run's metrics with the label its series carries on charts, e.g. "steps=20, shift=7.0, frames=16". */
public record RunSeries(String label, List<RowMetrics> rows) {
}
