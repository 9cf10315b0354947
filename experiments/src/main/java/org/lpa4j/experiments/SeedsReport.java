package org.lpa4j.experiments;

import org.lpa4j.api.training.DepthCurve;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.lpa4j.api.Lpa4jException;

/**
 * The same comparison run once per seed, as {@code report.json} holds it: the setting, per trainer the mean and spread
 * of the test metric at every depth over the seeds (then of the second metric, and of each gap), and every seed's
 * own {@link DepthReport} in {@code runs}, from which the means and spreads are computed.
 */
public record SeedsReport(String task, String architecture, String backend, String metric, boolean lowerIsBetter, int depth, int width,
                          int epochs, List<Long> seeds, List<DepthSpread> trainers, String secondaryMetric, List<DepthSpread> secondary,
                          List<DepthSpread> gaps, List<DepthReport> runs) {
    public SeedsReport {
        seeds = List.copyOf(seeds);
        trainers = List.copyOf(trainers);
        secondary = List.copyOf(secondary);
        gaps = List.copyOf(gaps);
        runs = List.copyOf(runs);
    }

    /** The summary of {@code runs}: one report per seed of the same setting, with the same trainers in the same order. */
    public static SeedsReport of(List<DepthReport> runs) {
        if (runs.isEmpty()) {
            throw new Lpa4jException("A multi-seed report needs at least one run, but none was given.");
        }
        DepthReport first = runs.get(0);
        for (DepthReport r : runs) {
            List<String> names = r.trainers().stream().map(DepthCurve::trainer).toList();
            if (!names.equals(first.trainers().stream().map(DepthCurve::trainer).toList()) || r.gaps().size() != first.gaps().size()) {
                throw new Lpa4jException("The runs of seeds " + first.seed() + " and " + r.seed() + " compare different trainers ("
                        + first.trainers().stream().map(DepthCurve::trainer).toList() + " against " + names + "); a multi-seed report needs"
                        + " the same comparison for every seed.");
            }
        }
        return new SeedsReport(first.task(), first.architecture(), first.backend(), first.metric(), first.lowerIsBetter(), first.depth(),
                first.width(), first.epochs(), runs.stream().map(DepthReport::seed).toList(),
                spreads(runs, DepthReport::trainers, DepthCurve::trainer, DepthCurve::values, DepthCurve::wallSeconds),
                first.secondaryMetric(), spreads(runs, DepthReport::secondary, DepthCurve::trainer, DepthCurve::values, DepthCurve::wallSeconds),
                spreads(runs, DepthReport::gaps, g -> g.trainer() + "-" + g.reference(), DepthGap::values, g -> 0), runs);
    }

    private static <T> List<DepthSpread> spreads(List<DepthReport> runs, Function<DepthReport, List<T>> columns, Function<T, String> name,
                                                 Function<T, double[]> values, ToDoubleFunction<T> seconds) {
        List<DepthSpread> out = new ArrayList<>();
        int count = columns.apply(runs.get(0)).size();
        for (int i = 0; i < count; i++) {
            int column = i;
            List<T> perSeed = runs.stream().map(r -> columns.apply(r).get(column)).toList();
            double meanSeconds = perSeed.stream().mapToDouble(seconds).average().orElse(0);
            out.add(DepthSpread.of(name.apply(perSeed.get(0)), perSeed.stream().map(values).toList(), meanSeconds));
        }
        return out;
    }
}
