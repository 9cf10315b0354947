package org.lpa4j.sweep;

import java.io.Serializable;
import java.util.Objects;

/**
 * What became of one cell, as its task hands it back to the driver: trained now, found complete from an earlier run,
 * or failed with the sentence that says why; with its report as {@code report.json} holds it.
 *
 * @param cell    the cell
 * @param status  what became of it
 * @param message the failure's sentence, or null
 * @param report  the cell's {@code report.json} text, or null when it failed
 * @param seconds the wall time of the cell's task
 * @param worker  the host and process that ran it, for a log line
 */
public record CellOutcome(Cell cell, Status status, String message, String report, double seconds, String worker) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What became of a cell. */
    public enum Status {
        /** Trained by this run and written. */
        DONE,
        /** Complete from an earlier run (or a retried task's first attempt), read and not trained again. */
        SKIPPED,
        /** Not trained: the sentence says why; the other cells go on. */
        FAILED
    }

    public CellOutcome {
        Objects.requireNonNull(cell, "cell is null");
        Objects.requireNonNull(status, "status is null");
    }

    /** Whether the cell has a report (trained now or earlier). */
    public boolean complete() {
        return status != Status.FAILED;
    }
}
