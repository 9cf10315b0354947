package org.lpa4j.cli.output;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.training.TrainingListener;

/**
 * Training progress per trainer: epoch, loss, validation metric at the last depth. On a terminal a progress bar with
 * ETA per training; otherwise (a log, a pipe, CI) one plain line per epoch, or per two percent of the epochs for long
 * runs, instead of a bar's carriage-return frames, each naming its trainer and giving its own time (trainers that take
 * turns, an epoch each, are each charged only their own turns).
 */
public final class ProgressListener implements TrainingListener, AutoCloseable {
    /** At most about this many log lines per trainer when the output is not a terminal. */
    static final int MAX_LOG_LINES = 50;

    private final Metric metric;
    private final boolean terminal;
    private final PrintStream log;
    /** The trainings under way, by trainer: an experiment's trainers may take turns, an epoch each. */
    private final Map<String, Training> trainings = new LinkedHashMap<>();
    /** When the last event of any training came (0: none yet); the time up to a training's event is that training's. */
    private long lastEvent;

    /** One training's bar (on a terminal), epochs and the time of its own events, others' turns left out. */
    private static final class Training {
        private ProgressBar bar;
        private int epochs;
        private long ownNanos;
    }

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
    public synchronized void onTrainingBegin(String trainer, int epochs, int batchesPerEpoch) {
        close(trainings.remove(trainer));
        Training t = new Training();
        t.epochs = epochs;
        if (terminal) {
            t.bar = new ProgressBarBuilder().setTaskName(trainer.toUpperCase(Locale.ROOT)).setInitialMax((long) epochs * batchesPerEpoch)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build();
        }
        trainings.put(trainer, t);
        lastEvent = System.nanoTime();
    }

    @Override
    public synchronized void onBatch(String trainer, int epoch, int batch, double loss) {
        Training t = event(trainer);
        if (t != null && t.bar != null) {
            t.bar.step();
        }
    }

    @Override
    public synchronized void onEpoch(String trainer, int epoch, double meanLoss, double[] validationPerDepth) {
        Training t = event(trainer);
        if (t == null) {
            return;
        }
        String status = String.format(Locale.ROOT, "epoch %d loss %.3g val %s %.3g", epoch, meanLoss, metric == Metric.ACCURACY ? "acc" : "err",
                validationPerDepth[validationPerDepth.length - 1]);
        if (t.bar != null) {
            t.bar.setExtraMessage(" " + status);
            return;
        }
        int every = Math.max(1, (t.epochs + MAX_LOG_LINES - 1) / MAX_LOG_LINES);
        if (epoch % every == 0 || epoch == t.epochs || epoch == 1) {
            log.printf(Locale.ROOT, "%s %s of %d, %.1f s%n", trainer.toUpperCase(Locale.ROOT), status, t.epochs, t.ownNanos / 1e9);
            log.flush();
        }
    }

    @Override
    public synchronized void onTrainingEnd(String trainer, int epochsRun, double seconds) {
        close(trainings.remove(trainer));
    }

    /** {@code trainer}'s training, charged with the time since the last event of any training (one trains at a time). */
    private Training event(String trainer) {
        long now = System.nanoTime();
        Training t = trainings.get(trainer);
        if (t != null && lastEvent != 0) {
            t.ownNanos += now - lastEvent;
        }
        lastEvent = now;
        return t;
    }

    private static void close(Training t) {
        if (t != null && t.bar != null) {
            t.bar.close();
            t.bar = null;
        }
    }

    @Override
    public synchronized void close() {
        trainings.values().forEach(ProgressListener::close);
        trainings.clear();
    }
}
