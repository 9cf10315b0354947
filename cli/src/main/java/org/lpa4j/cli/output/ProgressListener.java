package org.lpa4j.cli.output;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.training.TrainingListener;

/**
 * Training progress per trainer: epoch, loss, validation metric at the last depth. On a terminal a progress bar with
 * ETA; otherwise (a log, a pipe, CI) one plain line per epoch, or per two percent of the epochs for long runs, instead of
 * a bar's carriage-return frames.
 */
public final class ProgressListener implements TrainingListener, AutoCloseable {
    /** At most about this many log lines per trainer when the output is not a terminal. */
    static final int MAX_LOG_LINES = 50;

    private final Metric metric;
    private final boolean terminal;
    private final PrintStream log;
    private ProgressBar bar;
    private int epochs;
    private long startNanos;

    /** Progress for the process's own standard error: a bar when it is a terminal, log lines otherwise. */
    public ProgressListener(Metric metric) {
        this(metric, System.console() != null, System.err);
    }

    /** Progress written to {@code log}, as a bar when {@code terminal}, else as one line per epoch or per few percent. */
    public ProgressListener(Metric metric, boolean terminal, PrintStream log) {
        this.metric = metric;
        this.terminal = terminal;
        this.log = log;
    }

    @Override
    public void onTrainingBegin(String trainer, int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
        this.startNanos = System.nanoTime();
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(trainer.toUpperCase(Locale.ROOT)).setInitialMax((long) epochs * batchesPerEpoch)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build();
        }
    }

    @Override
    public void onBatch(String trainer, int epoch, int batch, double loss) {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void onEpoch(String trainer, int epoch, double meanLoss, double[] validationPerDepth) {
        String status = String.format(Locale.ROOT, "epoch %d loss %.3g val %s %.3g", epoch, meanLoss, metric == Metric.ACCURACY ? "acc" : "err",
                validationPerDepth[validationPerDepth.length - 1]);
        if (bar != null) {
            bar.setExtraMessage(" " + status);
            return;
        }
        int every = Math.max(1, (epochs + MAX_LOG_LINES - 1) / MAX_LOG_LINES);
        if (epoch % every == 0 || epoch == epochs || epoch == 1) {
            log.printf(Locale.ROOT, "%s %s of %d, %.1f s%n", trainer.toUpperCase(Locale.ROOT), status, epochs, (System.nanoTime() - startNanos) / 1e9);
            log.flush();
        }
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
