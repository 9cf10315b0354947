package org.lpa4j.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.experiments.DepthReport;

/**
 * A sweep on a real standalone Spark cluster started by the test: a master and a worker, each a JVM of its own on
 * 127.0.0.1, whose executor (a third JVM, started by the worker through Spark's command builder from a minimal
 * {@code target/spark-home}) runs the cells into a {@code file://} output; the figures equal the same experiments run
 * one by one in this JVM.
 */
class StandaloneClusterSweepTest {
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    @Test
    void aSmallGridOnAStandaloneClusterGivesTheFiguresOfTheSameFitsRunOneByOne(@TempDir Path dir) throws Exception {
        Path home = TARGET.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        Path logs = Files.createDirectories(TARGET.resolve("spark-cluster"));
        String classpath = TARGET.resolve("test-classes") + File.pathSeparator + TARGET.resolve("classes") + File.pathSeparator
                + Files.readString(TARGET.resolve("test-classpath.txt")).strip();
        int masterPort = freePort();
        String master = "spark://127.0.0.1:" + masterPort;
        List<Process> cluster = new ArrayList<>();
        try {
            cluster.add(start(home, classpath, logs.resolve("master.log"), "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(freePort())));
            cluster.add(start(home, classpath, logs.resolve("worker.log"), "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--webui-port", Integer.toString(freePort()), "--cores", "2", "--memory", "2g", "--work-dir", logs.resolve("work").toString(), master));
            SparkConf conf = SweepRunner.configure(new SparkConf().setMaster(master).set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.executor.extraClassPath", classpath).set("spark.executor.memory", "2g").set("spark.cores.max", "2"), 1);
            Sweep sweep = SweepTest.sweep(dir, SweepTest.GRID);
            SweepResult result;
            try (JavaSparkContext spark = new JavaSparkContext(conf)) {
                awaitExecutor(spark, cluster, logs);
                List<String> workers = new ArrayList<>();
                // Into a file:// URI: the executor writes through Hadoop's FileSystem API with the configuration the driver ships.
                result = new SweepRunner(spark).run(sweep, "file://" + dir.resolve("out"), List.of(new SweepListener() {
                    @Override
                    public void onCellEnd(CellOutcome outcome, SweepProgress progress) {
                        workers.add(outcome.worker());
                    }
                }));
                String driver = ManagementFactory.getRuntimeMXBean().getName();
                assertTrue(workers.stream().noneMatch(driver::equals), "the cells ran in the cluster's executor, not in this JVM: " + workers);
            }
            assertEquals(2, result.trained(), () -> "failures: " + result.failures());
            for (Cell cell : sweep.cells()) {
                assertTrue(Files.isRegularFile(dir.resolve("out/cells").resolve(cell.id()).resolve(org.lpa4j.api.io.AtomicDirectories.MARKER)), cell.id());
            }
            for (Cell cell : sweep.cells()) {
                DepthReport alone = SweepTest.alone(cell);
                DepthReport swept = result.settings().get(0).report().runs().stream().filter(r -> r.seed() == cell.seed()).findFirst().orElseThrow();
                SweepTest.assertCurvesEqual(alone.trainers(), swept.trainers(), cell.id());
            }
        } finally {
            for (int i = cluster.size() - 1; i >= 0; i--) {
                stop(cluster.get(i));
            }
        }
    }

    /** A JVM running {@code main} of Spark with this JVM's module options, its output in {@code log}. */
    private static Process start(Path home, String classpath, Path log, String main, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")).forEach(command::add);
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(classpath);
        command.add(main);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    /** Waits until the worker's executor has registered with the driver (a minute at most), saying where the logs are if not. */
    private static void awaitExecutor(JavaSparkContext spark, List<Process> cluster, Path logs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (spark.sc().getExecutorMemoryStatus().size() < 2) {
            for (Process p : cluster) {
                assertTrue(p.isAlive(), "a cluster process ended early; see " + logs);
            }
            assertTrue(System.nanoTime() < deadline, "no executor registered in 90 s; see " + logs);
            Thread.sleep(200);
        }
    }

    /** Stops {@code process} and its children (the worker's executor), forcibly after 10 s. */
    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
