package org.lpa4j.sweep;

import java.time.Duration;
import java.util.Arrays;

/**
 * The estimate of a sweep's time left: each cell has a size (its epochs times its depth times its trainers, the work the
 * grid says it is), the cells trained so far give the seconds per unit of size, and the work left (the cells not
 * started, and what remains of the running ones) is divided among the slots that run cells at once. So a grid whose
 * big cells come last is not estimated from its small ones' pace alone.
 */
final class TimeLeft {
    private final double[] sizes;
    private final int slots;
    private final double[] startedAt;
    private final boolean[] finished;
    private double trainedSize;
    private double trainedSeconds;

    /** An estimate for cells of {@code sizes} (in the sweep's order) run {@code slots} at a time. */
    TimeLeft(double[] sizes, int slots) {
        this.sizes = sizes.clone();
        this.slots = Math.max(1, slots);
        this.startedAt = new double[sizes.length];
        Arrays.fill(startedAt, Double.NaN);
        this.finished = new boolean[sizes.length];
    }

    /** The size of {@code cell}: epochs x depth x trainers. */
    static double size(Cell cell) {
        var experiment = Sweep.experiment(cell);
        return (double) experiment.config().epochs() * experiment.architectureOptions().depth() * Math.max(1, experiment.trainers().size());
    }

    /** Cell {@code index} started at {@code seconds} since the sweep began. */
    synchronized void started(int index, double seconds) {
        if (!finished[index] && Double.isNaN(startedAt[index])) {
            startedAt[index] = seconds;
        }
    }

    /** Cell {@code index} finished; {@code trainedSeconds} is its training time when it was trained by this run, else NaN. */
    synchronized void finished(int index, double trainedSeconds) {
        if (finished[index]) {
            return;
        }
        finished[index] = true;
        if (!Double.isNaN(trainedSeconds)) {
            trainedSize += sizes[index];
            this.trainedSeconds += trainedSeconds;
        }
    }

    /** The time left at {@code seconds} since the sweep began, or null before any cell was trained. */
    synchronized Duration at(double seconds) {
        if (trainedSize <= 0) {
            return null;
        }
        double perSize = trainedSeconds / trainedSize;
        double work = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (!finished[i]) {
                double whole = sizes[i] * perSize;
                work += Double.isNaN(startedAt[i]) ? whole : Math.max(0, whole - (seconds - startedAt[i]));
            }
        }
        return Duration.ofMillis(Math.round(work / slots * 1000));
    }
}
