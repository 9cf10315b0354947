package org.lpa4j.cli.output;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.training.TrainingListener;

/** A terminal progress bar per trainer: epoch, loss, validation metric at the last depth, and ETA. */
public final class ProgressListener implements TrainingListener, AutoCloseable {
    private final Metric metric;
    private ProgressBar bar;
    private double lastLoss = Double.NaN;

    public ProgressListener(Metric metric) {
        this.metric = metric;
    }

    @Override
    public void onTrainingBegin(String trainer, int epochs, int batchesPerEpoch) {
        bar = new ProgressBarBuilder().setTaskName(trainer.toUpperCase(java.util.Locale.ROOT)).setInitialMax((long) epochs * batchesPerEpoch)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build();
    }

    @Override
    public void onBatch(String trainer, int epoch, int batch, double loss) {
        lastLoss = loss;
        bar.step();
    }

    @Override
    public void onEpoch(String trainer, int epoch, double meanLoss, double[] validationPerDepth) {
        bar.setExtraMessage(String.format(" epoch %d loss %.3g val %s %.3g", epoch, meanLoss, metric == Metric.ACCURACY ? "acc" : "err",
                validationPerDepth[validationPerDepth.length - 1]));
    }

    @Override
    public void onTrainingEnd(String trainer, int epochsRun, double seconds) {
        close();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
