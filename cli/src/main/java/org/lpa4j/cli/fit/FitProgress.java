package org.lpa4j.cli.fit;

import java.io.PrintWriter;
import java.util.List;
import org.lpa4j.cli.output.DepthTable;
import org.lpa4j.cli.output.ProgressListener;
import org.lpa4j.experiments.DepthReport;
import org.lpa4j.experiments.ExperimentListener;
import org.lpa4j.experiments.SeedStart;

/**
 * What {@code fit} shows while an experiment runs: a line per seed with its data, network and backend, a progress bar
 * (or log lines) per training, the depths of a trainer of one model per depth, and each seed's table when there are several.
 */
final class FitProgress implements ExperimentListener, AutoCloseable {
    private final PrintWriter out;
    private SeedStart seed;
    private ProgressListener progress;

    FitProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onSeedBegin(SeedStart start) {
        seed = start;
        if (start.count() > 1) {
            out.printf("%nSeed %d (%d of %d)%n", start.seed(), start.index() + 1, start.count());
        }
        out.printf("Task %s (%d train / %d validation / %d test), %s depth %d width %d, backend %s (%s), seed %d%n", start.task(),
                start.train(), start.validation(), start.test(), start.architecture(), start.depth(), start.width(), start.backend(),
                start.engineVersion(), start.seed());
        out.flush();
        close();
        progress = new ProgressListener(start.metric());
    }

    @Override
    public void onTrainerBegin(String trainer, List<Integer> depths) {
        if (depths.size() > 1) {
            out.printf("%s: one model for each depth of %s%n", trainer, depths);
            out.flush();
        }
    }

    @Override
    public void onTrainingBegin(String trainer, int epochs, int batchesPerEpoch) {
        progress.onTrainingBegin(trainer, epochs, batchesPerEpoch);
    }

    @Override
    public void onBatch(String trainer, int epoch, int batch, double loss) {
        progress.onBatch(trainer, epoch, batch, loss);
    }

    @Override
    public void onEpoch(String trainer, int epoch, double meanLoss, double[] validationPerDepth) {
        progress.onEpoch(trainer, epoch, meanLoss, validationPerDepth);
    }

    @Override
    public void onTrainingEnd(String trainer, int epochsRun, double seconds) {
        progress.onTrainingEnd(trainer, epochsRun, seconds);
    }

    @Override
    public void onSeedEnd(DepthReport report) {
        if (seed.count() > 1) {
            out.println();
            out.print(DepthTable.format(seed.metric(), report.trainers(), report.gaps()));
            out.flush();
        }
    }

    @Override
    public void close() {
        if (progress != null) {
            progress.close();
        }
    }
}
