package org.lpa4j.sweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.io.AtomicDirectories;
import org.lpa4j.cli.ExtraCommand;
import org.lpa4j.cli.output.DepthPlot;
import org.lpa4j.cli.output.DepthTable;
import org.lpa4j.experiments.Registries;
import org.lpa4j.experiments.SeedsReport;
import org.lpa4j.sweep.CellOutcome;
import org.lpa4j.sweep.EmbeddedPolicy;
import org.lpa4j.sweep.Grid;
import org.lpa4j.sweep.Sweep;
import org.lpa4j.sweep.SweepResult;
import org.lpa4j.sweep.SweepRunner;
import org.lpa4j.sweep.SweepStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lpa4j sweep}: runs every cell of a grid file as a Spark task, embedded ({@code local[N]}) or on the cluster of
 * {@code --master}, and prints and writes the mean and spread per setting and depth ({@code sweep.json}, {@code sweep.txt}
 * and one plot per setting under {@code --out}).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a grid of fits (settings x axes x seeds) as a Spark job, embedded or on a cluster, and report each setting's mean and"
                + " spread at every depth.")
public final class SweepCommand implements Callable<Integer>, ExtraCommand {
    /** The file of the table printed at the end, under --out. */
    static final String TABLE_FILE = "sweep.txt";
    /** The folder of the plots, one per setting, under --out. */
    static final String PLOTS = "plots";

    @Option(names = "--grid", required = true, paramLabel = "FILE", description = "the grid: YAML or JSON with settings (fit's option names) and"
            + " axes (docs/sweeps.md)")
    Path grid;
    @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[N], spark://HOST:PORT, yarn, k8s://...; default: embedded"
            + " local[N] with N and the engine threads chosen so cells do not fight over cores (the policy is printed)")
    String master;
    @Option(names = "--out", defaultValue = "out/sweep", paramLabel = "DIR", description = "output folder, a path or a Hadoop URI (hdfs://, file://,"
            + " s3a://...): cells/ID per cell, each written as a whole; a rerun skips the complete cells (default ${DEFAULT-VALUE})")
    String out;
    @Option(names = "--threads", paramLabel = "N", description = "engine threads per cell (default: embedded, the cores divided among the cells run"
            + " at a time; on a cluster 1, with spark.task.cpus set to match)")
    Integer threads;

    @Spec
    CommandSpec spec;

    /** Made by the CLI, which finds it through the service loader; the cells find the extension points on the classpath as each executor does. */
    public SweepCommand() {
    }

    @Override
    public Integer call() throws IOException {
        if (threads != null && threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads is " + threads + ", but an engine needs at least 1 thread; give a whole"
                    + " number of at least 1, or leave it out for the embedded policy.");
        }
        PrintWriter printer = spec.commandLine().getOut();
        Sweep sweep = Sweep.of(Grid.read(grid), Registries.discover());
        String given = master != null ? master : System.getProperty("spark.master");
        SparkConf conf;
        if (given == null) {
            EmbeddedPolicy policy = EmbeddedPolicy.forThisMachine(sweep.cells().size(), threads);
            printer.println("Sweep of " + sweep.cells().size() + " cells on " + policy + " (the engine threads times the cells at a time are at most the"
                    + " cores; --threads N sets the threads per cell, --master a cluster)");
            conf = SweepRunner.embedded(policy);
        } else {
            int t = threads == null ? 1 : threads;
            printer.println("Sweep of " + sweep.cells().size() + " cells on " + given + ", " + t + " engine thread(s) per cell");
            conf = SweepRunner.configure(new SparkConf().setMaster(given), t).setIfMissing("spark.task.cpus", Integer.toString(t));
        }
        SweepResult result;
        SweepStore store;
        try (JavaSparkContext spark = new JavaSparkContext(conf); SweepDisplay display = new SweepDisplay(printer, System.console() != null, System.err)) {
            spark.setLogLevel("WARN");
            SweepRunner runner = new SweepRunner(spark);
            store = runner.store(out);
            printer.println("Output: " + store.location());
            printer.flush();
            result = runner.run(sweep, store.location(), List.of(display));
        }
        store.writeFile(SweepResult.FILE, result::writeTo);
        String table = table(result);
        store.writeFile(TABLE_FILE, o -> o.write(table.getBytes(StandardCharsets.UTF_8)));
        Path plots = Files.createTempDirectory("lpa4j-sweep-plots-");
        try {
            for (SweepResult.Setting s : result.settings()) {
                String name = fileName(s.setting()) + ".png";
                new DepthPlot().write(s.report(), plots.resolve(name));
                store.writeFile(PLOTS + "/" + name, o -> Files.copy(plots.resolve(name), o));
            }
        } finally {
            AtomicDirectories.deleteTree(plots);
        }
        printer.println();
        printer.print(table);
        printer.println();
        printer.println("Cells: " + result.trained() + " trained, " + result.skipped() + " complete from an earlier run, " + result.failures().size()
                + " failed, of " + result.cells());
        printer.println("Report: " + store.location() + "/" + SweepResult.FILE);
        printer.println("Table:  " + store.location() + "/" + TABLE_FILE);
        printer.println("Plots:  " + store.location() + "/" + PLOTS + " (one per setting)");
        printer.flush();
        return result.failures().isEmpty() ? 0 : 1;
    }

    /** Every setting's table (mean ± spread over its seeds at every depth), then every failed cell with its sentence. */
    static String table(SweepResult result) {
        StringBuilder sb = new StringBuilder();
        for (SweepResult.Setting s : result.settings()) {
            SeedsReport r = s.report();
            sb.append("== ").append(s.setting()).append(" (").append(r.task()).append(", ").append(r.architecture()).append(" depth ")
                    .append(r.depth()).append(" width ").append(r.width()).append(", ").append(r.epochs()).append(" epochs, ").append(r.backend())
                    .append("; ").append(r.runs().size()).append(" of ").append(s.cells()).append(" cells complete) ==\n");
            sb.append(DepthTable.format(metric(r.metric()), r.seeds(), r.trainers(), r.gaps())).append('\n');
        }
        if (!result.failures().isEmpty()) {
            sb.append("Failed cells:\n");
            for (CellOutcome f : result.failures()) {
                sb.append("  ").append(f.cell().id()).append(": ").append(f.message()).append('\n');
            }
        }
        return sb.toString();
    }

    private static Metric metric(String label) {
        for (Metric m : Metric.values()) {
            if (m.label().equals(label)) {
                return m;
            }
        }
        throw new IllegalStateException("No metric is called " + label);
    }

    private static String fileName(String setting) {
        return setting.replaceAll("[^A-Za-z0-9._=-]+", "_");
    }
}
