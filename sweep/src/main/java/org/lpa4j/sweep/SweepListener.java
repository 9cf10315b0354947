package org.lpa4j.sweep;

/** Receives a sweep's progress on the driver: each cell's start and outcome, with where the sweep stands then. */
public interface SweepListener {
    /** The sweep starts: its cells are known, none has run. */
    default void onSweepBegin(Sweep sweep, SweepProgress progress) {
    }

    /** A task of {@code cell} starts (again, when Spark retries it). */
    default void onCellBegin(Cell cell, SweepProgress progress) {
    }

    /** {@code outcome}'s cell is finished: trained, found complete, or failed with its sentence. */
    default void onCellEnd(CellOutcome outcome, SweepProgress progress) {
    }

    /** Every cell is finished. */
    default void onSweepEnd(SweepProgress progress) {
    }
}
