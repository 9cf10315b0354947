package org.lpa4j.cli.output;

import java.util.List;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.training.DepthCurve;

/** The per-depth table printed at the end of a run: one row per depth, one column per trainer. */
public final class DepthTable {
    private DepthTable() {
    }

    /** The table as text, with a header naming the metric and its direction, and each trainer's wall time. */
    public static String format(Metric metric, List<DepthCurve> curves) {
        StringBuilder sb = new StringBuilder();
        sb.append("Test ").append(metric.label()).append(" by depth (").append(metric.lowerIsBetter() ? "lower" : "higher")
                .append(" is better)\n");
        sb.append(String.format("%-6s", "depth"));
        for (DepthCurve c : curves) {
            sb.append(String.format(" %12s", c.trainer().toUpperCase(java.util.Locale.ROOT)));
        }
        sb.append('\n');
        int depth = curves.stream().mapToInt(DepthCurve::depth).max().orElse(0);
        for (int l = 1; l <= depth; l++) {
            sb.append(String.format("%-6d", l));
            for (DepthCurve c : curves) {
                sb.append(l <= c.depth() ? String.format(" %12.5g", c.at(l)) : String.format(" %12s", ""));
            }
            sb.append('\n');
        }
        sb.append(String.format("%-6s", "time"));
        for (DepthCurve c : curves) {
            sb.append(String.format(" %11.1fs", c.wallSeconds()));
        }
        return sb.append('\n').toString();
    }
}
