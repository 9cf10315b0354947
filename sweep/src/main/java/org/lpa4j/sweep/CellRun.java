package org.lpa4j.sweep;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.experiments.Experiment;
import org.lpa4j.experiments.ExperimentOutput;
import org.lpa4j.experiments.ExperimentRunner;
import org.lpa4j.experiments.Registries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one cell where its task runs (an executor, or the driver in {@code local[N]}): a cell whose folder holds a
 * complete result is read, not trained again; otherwise its experiment runs on the process's pooled backend and is
 * written as a whole into {@code cells/ID} of the {@link SweepStore} (complete or absent, so a retried task never
 * doubles or mixes a cell). A
 * failure becomes the outcome's sentence; the other cells go on.
 */
final class CellRun {
    private static final Logger LOG = LoggerFactory.getLogger(CellRun.class);
    private static volatile Registries registries;

    private CellRun() {
    }

    /** Runs {@code cell} into its folder in {@code store}. */
    static CellOutcome run(Cell cell, SweepStore store) {
        long start = System.nanoTime();
        try {
            String earlier = store.completeReport(cell.id());
            if (earlier != null) {
                LOG.info("Cell {} is complete from an earlier run; not trained again", cell.id());
                return new CellOutcome(cell, CellOutcome.Status.SKIPPED, null, earlier, seconds(start), worker());
            }
            Experiment experiment = Sweep.experiment(cell);
            Registries found = registries();
            Backend backend = BackendPool.take(found.backends(), experiment.backend());
            boolean clean = false;
            boolean ours;
            try {
                ours = store.writeCell(cell.id(), folder -> new ExperimentRunner(found).run(experiment,
                        ExperimentOutput.to(folder).checkpointing(new ExperimentOutput.Checkpoints(0, null, false)), List.of(), backend));
                clean = true;
            } finally {
                if (clean) {
                    BackendPool.give(experiment.backend(), backend);
                } else {
                    backend.close();
                }
            }
            // A false: another attempt of this task (a retry or a speculative copy) wrote the cell first; its result stands.
            return new CellOutcome(cell, ours ? CellOutcome.Status.DONE : CellOutcome.Status.SKIPPED, null, store.completeReport(cell.id()),
                    seconds(start), worker());
        } catch (Lpa4jException e) {
            return failed(cell, e.getMessage(), start);
        } catch (IOException e) {
            return failed(cell, "Its folder " + cell.id() + " in " + store.location() + " could not be read or written (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ").", start);
        } catch (RuntimeException | OutOfMemoryError | LinkageError e) {
            return failed(cell, "It stopped with " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + (e instanceof OutOfMemoryError ? " (give the executors more memory, or lower the width, depth or batch size)" : "") + ".", start);
        }
    }

    private static CellOutcome failed(Cell cell, String message, long start) {
        LOG.info("Cell {} failed: {}", cell.id(), message);
        return new CellOutcome(cell, CellOutcome.Status.FAILED, message, null, seconds(start), worker());
    }

    /** The registries on this process's classpath, found once. */
    private static Registries registries() {
        Registries r = registries;
        if (r == null) {
            synchronized (CellRun.class) {
                if (registries == null) {
                    registries = Registries.discover();
                }
                r = registries;
            }
        }
        return r;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String worker() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }
}
