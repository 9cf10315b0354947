package org.lpa4j.sweep;

import java.time.Duration;

/**
 * Where a sweep stands: its cells, those trained by this run, found complete from an earlier one, failed and running
 * now, the time since it started and the estimated time left (null until a cell has been trained).
 *
 * @param cells   every cell of the sweep
 * @param done    cells trained by this run
 * @param skipped cells complete from an earlier run
 * @param failed  cells that failed
 * @param running cells running now
 * @param elapsed time since the sweep started
 * @param eta     estimated time left, or null when not yet known
 */
public record SweepProgress(int cells, int done, int skipped, int failed, int running, Duration elapsed, Duration eta) {
    /** Cells finished one way or another. */
    public int finished() {
        return done + skipped + failed;
    }

    @Override
    public String toString() {
        return finished() + "/" + cells + " cells (" + done + " trained, " + skipped + " complete before, " + failed + " failed), " + running
                + " running, " + elapsed.toSeconds() + " s" + (eta == null ? "" : ", about " + eta.toSeconds() + " s left");
    }
}
