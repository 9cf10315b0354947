package org.lpa4j.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.experiments.DepthGap;
import org.lpa4j.experiments.DepthSpread;

/**
 * The per-depth table printed at the end of a run: one row per depth, one column per trainer, then one per gap to a
 * reference column (e.g. {@code LPA-SEPARATE}); for several seeds each cell is the mean and the spread over the seeds.
 */
public final class DepthTable {
    private static final int CELL = 12;
    private static final int SPREAD_CELL = 22;

    private DepthTable() {
    }

    /** One seed's table: each trainer's metric and each gap at every depth, and each trainer's wall time. */
    public static String format(Metric metric, List<DepthCurve> curves, List<DepthGap> gaps) {
        List<String> names = new ArrayList<>(curves.stream().map(DepthCurve::trainer).toList());
        gaps.forEach(g -> names.add(g.trainer() + "-" + g.reference()));
        int depth = curves.stream().mapToInt(DepthCurve::depth).max().orElse(0);
        StringBuilder sb = header(metric, names, CELL, "");
        for (int l = 1; l <= depth; l++) {
            sb.append(String.format("%-6d", l));
            for (DepthCurve c : curves) {
                sb.append(cell(l <= c.depth() ? c.at(l) : Double.NaN));
            }
            for (DepthGap g : gaps) {
                sb.append(cell(l <= g.values().length ? g.at(l) : Double.NaN));
            }
            sb.append('\n');
        }
        sb.append(String.format("%-6s", "time"));
        for (DepthCurve c : curves) {
            sb.append(String.format(" %" + (CELL - 1) + ".1fs", c.wallSeconds()));
        }
        return sb.append('\n').toString();
    }

    /** Several seeds' table: every column's mean ± spread at every depth, and each trainer's mean wall time. */
    public static String format(Metric metric, List<Long> seeds, List<DepthSpread> columns, List<DepthSpread> gaps) {
        List<DepthSpread> all = new ArrayList<>(columns);
        all.addAll(gaps);
        StringBuilder sb = header(metric, all.stream().map(DepthSpread::trainer).toList(), SPREAD_CELL,
                ", mean ± sample standard deviation over seeds " + seeds.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""));
        int depth = all.stream().mapToInt(DepthSpread::depth).max().orElse(0);
        for (int l = 1; l <= depth; l++) {
            sb.append(String.format("%-6d", l));
            for (DepthSpread c : all) {
                double mean = l <= c.depth() ? c.mean()[l - 1] : Double.NaN;
                sb.append(Double.isNaN(mean) ? String.format(" %" + SPREAD_CELL + "s", "-")
                        : String.format(" %" + SPREAD_CELL + "s", String.format(Locale.ROOT, "%.5g ± %.2g", mean, c.spread()[l - 1])));
            }
            sb.append('\n');
        }
        sb.append(String.format("%-6s", "time"));
        for (DepthSpread c : columns) {
            sb.append(String.format(" %" + (SPREAD_CELL - 1) + ".1fs", c.meanWallSeconds()));
        }
        return sb.append('\n').toString();
    }

    private static StringBuilder header(Metric metric, List<String> names, int width, String note) {
        StringBuilder sb = new StringBuilder();
        sb.append("Test ").append(metric.label()).append(" by depth (").append(metric.lowerIsBetter() ? "lower" : "higher")
                .append(" is better").append(note).append(")\n");
        sb.append(String.format("%-6s", "depth"));
        for (String name : names) {
            sb.append(String.format(" %" + width + "s", name.toUpperCase(Locale.ROOT)));
        }
        return sb.append('\n');
    }

    private static String cell(double value) {
        return Double.isNaN(value) ? String.format(" %" + CELL + "s", "-") : String.format(" %" + CELL + ".5g", value);
    }
}
