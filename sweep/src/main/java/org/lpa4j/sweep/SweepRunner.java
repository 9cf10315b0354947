package org.lpa4j.sweep;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.util.SerializableConfiguration;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.spi.EngineThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs a {@link Sweep} on a Spark context: one Spark task per cell, each writing its folder under the output as a whole
 * and handing back its outcome; the driver gathers the outcomes into a {@link SweepResult} (a failed cell is reported
 * with its sentence and the others go on) and tells the listeners of each cell's start and end. A rerun into the same
 * output reads the cells complete there instead of training them again.
 */
public final class SweepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);
    private final JavaSparkContext spark;

    /** A runner on {@code spark}, which the caller made (e.g. with {@link #configure}) and closes. */
    public SweepRunner(JavaSparkContext spark) {
        this.spark = Objects.requireNonNull(spark, "spark is null");
    }

    /**
     * {@code conf} with what every sweep needs: the application's name, and each executor's engines on {@code engineThreads}
     * threads ({@code -Dlpa4j.threads} and {@code OMP_NUM_THREADS}, which Spark does not set in local mode), with the
     * engines' offline and logging settings of this process's environment passed on.
     */
    public static SparkConf configure(SparkConf conf, int engineThreads) {
        conf.setIfMissing("spark.app.name", "lpa4j sweep");
        String threads = Integer.toString(engineThreads);
        String javaOptions = conf.get("spark.executor.extraJavaOptions", "");
        if (!javaOptions.contains("-D" + EngineThreads.PROPERTY + "=")) {
            conf.set("spark.executor.extraJavaOptions", (javaOptions + " -D" + EngineThreads.PROPERTY + "=" + threads).strip());
        }
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", threads);
        for (String name : List.of("TF_CPP_MIN_LOG_LEVEL", "OPT_OUT_TRACKING", "DJL_OFFLINE", "ONEDNN_MAX_CPU_ISA")) {
            String value = System.getenv(name);
            if (value != null) {
                conf.setIfMissing("spark.executorEnv." + name, value);
            }
        }
        return conf;
    }

    /**
     * The configuration of an embedded sweep under {@code policy}: {@code local[N]} on the loopback address, no web UI,
     * and this process's engines on the policy's threads (local mode's executors are this process).
     */
    public static SparkConf embedded(EmbeddedPolicy policy) {
        EngineThreads.useEverywhere(policy.threads());
        SparkConf conf = new SparkConf().setMaster(policy.master()).set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        return configure(conf, policy.threads());
    }

    /** Runs every cell of {@code sweep} into the folder {@code out} of this machine (or a shared one), telling {@code listeners}. */
    public SweepResult run(Sweep sweep, Path out, List<? extends SweepListener> listeners) {
        return run(sweep, out.toAbsolutePath().normalize().toString(), listeners);
    }

    /**
     * Runs every cell of {@code sweep} into {@code out} ({@code out/cells/ID} each), a path of this machine or a Hadoop
     * URI ({@link SweepStore#at}, with the Spark context's Hadoop configuration), telling {@code listeners}.
     */
    public SweepResult run(Sweep sweep, String out, List<? extends SweepListener> listeners) {
        SweepStore store = store(out);
        try {
            store.prepare();
        } catch (IOException e) {
            throw new Lpa4jException("The sweep's output " + store.location() + " could not be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); check the path and its permissions.", e);
        }
        List<Cell> cells = sweep.cells();
        // Spark may report a cell's successor starting before the cell's own end: never count more running than there are slots.
        int slots = Math.max(1, spark.sc().defaultParallelism() / Math.max(1, spark.getConf().getInt("spark.task.cpus", 1)));
        Progress progress = new Progress(cells.size(), slots, new TimeLeft(cells.stream().mapToDouble(TimeLeft::size).toArray(), slots));
        listeners.forEach(l -> l.onSweepBegin(sweep, progress.snapshot()));
        List<CellOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        SparkListener starts = new SparkListener() {
            @Override
            public void onTaskStart(SparkListenerTaskStart start) {
                int index = start.taskInfo().index();
                if (index < cells.size() && progress.started(index)) {
                    SweepProgress now = progress.snapshot();
                    listeners.forEach(l -> l.onCellBegin(cells.get(index), now));
                }
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                progress.stopped(end.taskInfo().index());
            }
        };
        spark.sc().addSparkListener(starts);
        String root = store.location();
        try {
            JavaRDD<Cell> rdd = spark.parallelize(cells, Math.max(1, cells.size()));
            spark.setJobDescription("lpa4j sweep of " + cells.size() + " cells into " + root);
            spark.sc().runJob(rdd.rdd(), new CellTask(root, SweepStore.isUri(root) ? new SerializableConfiguration(spark.hadoopConfiguration()) : null), new AbstractFunction2<Object, CellOutcome, BoxedUnit>() {
                @Override
                public BoxedUnit apply(Object partition, CellOutcome outcome) {
                    outcomes.add(outcome);
                    SweepProgress now = progress.ended(outcome);
                    listeners.forEach(l -> l.onCellEnd(outcome, now));
                    return BoxedUnit.UNIT;
                }
            }, ClassTag$.MODULE$.apply(CellOutcome.class));
        } catch (RuntimeException e) {
            throw new Lpa4jException("The sweep's Spark job stopped (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); the cells"
                    + " finished before it are complete in " + root + ", and a rerun into it skips them.", e);
        } finally {
            spark.sc().removeSparkListener(starts);
        }
        SweepProgress end = progress.snapshot();
        listeners.forEach(l -> l.onSweepEnd(end));
        LOG.info("Sweep finished: {}", end);
        return SweepResult.of(sweep, outcomes);
    }

    /** The store at {@code out} as this driver sees it, configured as the Spark context's Hadoop file systems are ({@code spark.hadoop.*}). */
    public SweepStore store(String out) {
        return SweepStore.at(out, spark.hadoopConfiguration());
    }

    /** A cell's Spark task: runs the partition's one cell where the task runs. */
    private static final class CellTask extends AbstractFunction1<Iterator<Cell>, CellOutcome> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String out;
        private final SerializableConfiguration hadoop;

        CellTask(String out, SerializableConfiguration hadoop) {
            this.out = out;
            this.hadoop = hadoop;
        }

        @Override
        public CellOutcome apply(Iterator<Cell> partition) {
            return CellRun.run(partition.next(), SweepStore.at(out, hadoop == null ? null : hadoop.value()));
        }
    }

    /** The counts the listeners see, updated from Spark's listener thread and the job's result handler. */
    private static final class Progress {
        private final int cells;
        private final int slots;
        private final TimeLeft timeLeft;
        private final long start = System.nanoTime();
        private final Set<Integer> running = ConcurrentHashMap.newKeySet();
        private final Set<Integer> finished = ConcurrentHashMap.newKeySet();
        private int done;
        private int skipped;
        private int failed;

        Progress(int cells, int slots, TimeLeft timeLeft) {
            this.cells = cells;
            this.slots = slots;
            this.timeLeft = timeLeft;
        }

        /** Whether cell {@code index} was not already finished (a late start event of a finished cell is not news). */
        synchronized boolean started(int index) {
            if (finished.contains(index)) {
                return false;
            }
            running.add(index);
            timeLeft.started(index, seconds());
            return true;
        }

        /** A task of cell {@code index} ended (its outcome may reach the driver before or after this). */
        synchronized void stopped(int index) {
            running.remove(index);
        }

        synchronized SweepProgress ended(CellOutcome outcome) {
            int index = outcome.cell().index();
            running.remove(index);
            if (finished.add(index)) {
                switch (outcome.status()) {
                    case DONE -> done++;
                    case SKIPPED -> skipped++;
                    default -> failed++;
                }
                timeLeft.finished(index, outcome.status() == CellOutcome.Status.DONE ? outcome.seconds() : Double.NaN);
            }
            return snapshot();
        }

        private double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }

        synchronized SweepProgress snapshot() {
            double now = seconds();
            return new SweepProgress(cells, done, skipped, failed, Math.min(slots, running.size()), Duration.ofNanos(System.nanoTime() - start),
                    timeLeft.at(now));
        }
    }
}
