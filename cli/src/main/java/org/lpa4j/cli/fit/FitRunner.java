package org.lpa4j.cli.fit;

import com.google.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.lpa4j.cli.output.DepthPlot;
import org.lpa4j.cli.output.DepthTable;
import org.lpa4j.experiments.DepthReport;
import org.lpa4j.experiments.ExperimentOutput;
import org.lpa4j.experiments.ExperimentResult;
import org.lpa4j.experiments.ExperimentRunner;
import org.lpa4j.experiments.SeedsReport;

/**
 * Runs one {@code fit}: the options become the library's experiment, which runs with progress on the terminal and
 * writes {@code report.json} and one saved model per trainer and seed into {@code --out} as a whole (with the plot,
 * {@code depth.png}); then the tables are printed.
 */
public final class FitRunner {
    private final ExperimentRunner experiments;
    private final DepthPlot plots;

    @Inject
    FitRunner(ExperimentRunner experiments, DepthPlot plots) {
        this.experiments = experiments;
        this.plots = plots;
    }

    /** Trains, writes and prints. */
    public void run(FitOptions o, PrintWriter out) {
        ExperimentOutput output = ExperimentOutput.to(o.out()).replacing(o.overwrite()).alsoWriting(this::plot)
                .checkpointing(o.checkpoints());
        ExperimentResult result;
        try (FitProgress progress = new FitProgress(out)) {
            result = experiments.run(o.experiment(), output, List.of(progress));
        }
        out.println();
        if (result.runs().size() == 1) {
            DepthReport report = result.runs().get(0);
            out.print(DepthTable.format(result.metric(), report.trainers(), report.gaps()));
            out.println();
            out.print(DepthTable.format(result.secondaryMetric(), report.secondary(), List.of()));
        } else {
            SeedsReport summary = result.summary();
            out.print(DepthTable.format(result.metric(), summary.seeds(), summary.trainers(), summary.gaps()));
            out.println();
            out.print(DepthTable.format(result.secondaryMetric(), summary.seeds(), summary.secondary(), List.of()));
        }
        Path dir = o.out().toAbsolutePath().normalize();
        out.println();
        out.println("Report: " + dir.resolve(ExperimentOutput.REPORT_FILE));
        out.println("Plot:   " + dir.resolve("depth.png"));
        long first = result.runs().get(0).seed();
        out.println("Models: " + (result.runs().size() == 1 ? "" : dir.resolve("seed-S") + File.separator + " for each seed S: ")
                + String.join(", ", result.models().stream().filter(m -> m.seed() == first)
                        .map(m -> m.folder().replaceFirst("^seed-[0-9-]+/", "").replaceFirst("/depth-[0-9]+$", "/depth-K")
                                .replace("/", File.separator)).distinct().toList()));
        out.flush();
    }

    /** The plot of the test metric against depth: one seed's curves, or the seeds' means and spreads. */
    private void plot(ExperimentResult result, Path folder) throws IOException {
        Path file = folder.resolve("depth.png");
        if (result.runs().size() == 1) {
            plots.write(result.runs().get(0), file);
        } else {
            plots.write(result.summary(), file);
        }
    }
}
