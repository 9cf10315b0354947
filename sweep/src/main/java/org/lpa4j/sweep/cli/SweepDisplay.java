package org.lpa4j.sweep.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.lpa4j.sweep.Cell;
import org.lpa4j.sweep.CellOutcome;
import org.lpa4j.sweep.Sweep;
import org.lpa4j.sweep.SweepListener;
import org.lpa4j.sweep.SweepProgress;

/**
 * What {@code sweep} shows while its cells run, as {@code fit} shows a training: on a terminal a bar over the cells
 * with ETA and the running and failed counts; otherwise (a log, a pipe) one line per cell that ends. A failed cell's
 * sentence is printed when it fails, in both.
 */
final class SweepDisplay implements SweepListener, AutoCloseable {
    private final PrintWriter out;
    private final boolean terminal;
    private final PrintStream log;
    private ProgressBar bar;

    SweepDisplay(PrintWriter out, boolean terminal, PrintStream log) {
        this.out = out;
        this.terminal = terminal;
        this.log = log;
    }

    @Override
    public synchronized void onSweepBegin(Sweep sweep, SweepProgress progress) {
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName("CELLS").setInitialMax(progress.cells()).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500).continuousUpdate().build();
        }
    }

    @Override
    public synchronized void onCellBegin(Cell cell, SweepProgress progress) {
        if (bar != null) {
            bar.setExtraMessage(status(progress));
        }
    }

    @Override
    public synchronized void onCellEnd(CellOutcome outcome, SweepProgress progress) {
        if (outcome.status() == CellOutcome.Status.FAILED) {
            out.printf("Cell %s failed: %s%n", outcome.cell().id(), outcome.message());
            out.flush();
        }
        if (bar != null) {
            bar.stepTo(progress.finished());
            bar.setExtraMessage(status(progress));
            return;
        }
        String what = switch (outcome.status()) {
            case DONE -> String.format(Locale.ROOT, "trained in %.1f s", outcome.seconds());
            case SKIPPED -> "complete from an earlier run";
            default -> "failed";
        };
        log.printf(Locale.ROOT, "cell %s %s; %s%n", outcome.cell().id(), what, progress);
        log.flush();
    }

    @Override
    public synchronized void onSweepEnd(SweepProgress progress) {
        close();
    }

    private static String status(SweepProgress p) {
        return " " + p.running() + " running, " + p.failed() + " failed";
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
