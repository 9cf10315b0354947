package org.lpa4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.task.Tasks;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingListener;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.trainers.e2e.E2ETrainer;
import org.lpa4j.trainers.lpa.LpaTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * LPA's epoch time over E2E's on one task, architecture and backend: the real trainers, the same epochs, batches and
 * per-epoch validation, run alternately in one JVM; the first epoch of each run (compilation) is left out, and the
 * ratio is the median over rounds of (LPA's median epoch time / E2E's), printed with its range, beside the ratio of
 * the two trainers' fastest epochs (the least disturbed by other work on a shared machine) and each trainer's
 * training throughput (examples per second of the mini-batch steps, validation excluded).
 */
@Command(name = "trainer-cost", mixinStandardHelpOptions = true,
        description = "Times an epoch of LPA and of E2E training, alternately, and prints their ratio.")
public final class TrainerCost implements Callable<Integer> {

    @Option(names = "--backend", required = true, description = "nd4j, djl or tensorflow")
    String backend;
    @Option(names = "--task", required = true, description = "a registered task, e.g. surface:peaks2d, mnist, moby")
    String task;
    @Option(names = "--arch", required = true, description = "a registered architecture: fnn, resnet or transformer")
    String arch;
    @Option(names = "--depth", defaultValue = "6", description = "residual blocks (default ${DEFAULT-VALUE})")
    int depth;
    @Option(names = "--width", defaultValue = "64", description = "residual width (default ${DEFAULT-VALUE})")
    int width;
    @Option(names = "--heads", defaultValue = "4", description = "attention heads (default ${DEFAULT-VALUE})")
    int heads;
    @Option(names = "--context", defaultValue = "64", description = "tokens per example of a text task (default ${DEFAULT-VALUE})")
    int context;
    @Option(names = "--limit", defaultValue = "0", description = "at most this many training examples of a fetched data set, 0 = all (default ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--batch-size", defaultValue = "128", description = "mini-batch size (default ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--activation", defaultValue = "TANH", description = "block activation (default ${DEFAULT-VALUE})")
    Activation activation;
    @Option(names = "--epochs", defaultValue = "3", description = "epochs per run; the first is left out (default ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--rounds", defaultValue = "3", description = "alternating rounds of one LPA and one E2E run (default ${DEFAULT-VALUE})")
    int rounds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainerCost()).execute(args));
    }

    @Override
    public Integer call() {
        if (epochs < 2) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--epochs must be at least 2: the first epoch is left out.");
        }
        LoadedTask loaded = Tasks.discover().load(task, TaskOptions.defaults().withLimit(limit).withContext(context));
        ResidualNetwork network = Architectures.discover().create(arch, loaded.shape(),
                ArchitectureOptions.of(depth, width).withHeads(heads).withActivation(activation));
        TrainingConfig config = TrainingConfig.defaults().withEpochs(epochs).withBatchSize(batchSize).withLearningRate(3e-3);
        double[] ratios = new double[rounds];
        Timing[] lpa = new Timing[rounds];
        Timing[] e2e = new Timing[rounds];
        try (Backend b = Backends.open(backend)) {
            System.out.printf("%s (%s): %s %s depth %d width %d, %d train / %d validation examples, batch %d, %d rounds of %d epochs%n",
                    b.name(), b.engineVersion(), task, arch, depth, width, loaded.data().train().size(), loaded.data().validation().size(),
                    batchSize, rounds, epochs);
            for (int r = 0; r < rounds; r++) {
                // Alternate which trainer goes first so drift on a shared machine hits both alike.
                if (r % 2 == 0) {
                    lpa[r] = time(new LpaTrainer(), b, network, loaded, config);
                    e2e[r] = time(new E2ETrainer(), b, network, loaded, config);
                } else {
                    e2e[r] = time(new E2ETrainer(), b, network, loaded, config);
                    lpa[r] = time(new LpaTrainer(), b, network, loaded, config);
                }
                ratios[r] = lpa[r].medianEpoch() / e2e[r].medianEpoch();
                System.out.printf("  round %d: epoch LPA %.3f s, E2E %.3f s, ratio %.3f%n", r + 1, lpa[r].medianEpoch(), e2e[r].medianEpoch(),
                        ratios[r]);
            }
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        double fastestLpa = Arrays.stream(lpa).mapToDouble(Timing::fastestEpoch).min().orElseThrow();
        double fastestE2e = Arrays.stream(e2e).mapToDouble(Timing::fastestEpoch).min().orElseThrow();
        double lpaThroughput = Bench.median(Arrays.stream(lpa).mapToDouble(Timing::examplesPerSecond).toArray());
        double e2eThroughput = Bench.median(Arrays.stream(e2e).mapToDouble(Timing::examplesPerSecond).toArray());
        System.out.printf("%s %s %s: LPA/E2E epoch time %.3f (median of %d rounds, range %.3f-%.3f); fastest epochs LPA %.3f s, E2E %.3f s,"
                        + " ratio %.3f; training throughput LPA %.0f, E2E %.0f examples/s%n", backend, task, arch, Bench.median(ratios), rounds,
                sorted[0], sorted[rounds - 1], fastestLpa, fastestE2e, fastestLpa / fastestE2e, lpaThroughput, e2eThroughput);
        return 0;
    }

    /** One run's timings: each epoch after the first, whole and its mini-batch steps alone. */
    private record Timing(double[] epochs, double[] steps, int batchSize) {
        double medianEpoch() {
            return Bench.median(epochs);
        }

        double fastestEpoch() {
            return Arrays.stream(epochs).min().orElseThrow();
        }

        /** Examples per second of the steps between an epoch's first and last mini-batch (the median over epochs). */
        double examplesPerSecond() {
            return batchSize / Bench.median(steps);
        }
    }

    /** The timings of epochs 2.. of one training run of {@code trainer}. */
    private static Timing time(ProgressiveTrainer trainer, Backend b, ResidualNetwork network, LoadedTask loaded, TrainingConfig config) {
        List<double[]> epochs = new ArrayList<>();
        TrainingListener clock = new TrainingListener() {
            private double firstBatch;
            private double lastBatch;
            private int batches;

            @Override
            public void onBatch(String name, int epoch, int batch, double loss) {
                double now = System.nanoTime() / 1e9;
                if (batch == 1) {
                    firstBatch = now;
                }
                lastBatch = now;
                batches = batch;
            }

            @Override
            public void onEpoch(String name, int epoch, double meanLoss, double[] validationPerDepth) {
                // {end of epoch, seconds per step between the first and the last step's end}
                epochs.add(new double[] {System.nanoTime() / 1e9, (lastBatch - firstBatch) / Math.max(1, batches - 1)});
            }
        };
        try (TrainingResult ignored = trainer.train(b, network, loaded.data(), config, loaded.metric(), List.of(clock))) {
            double[] epochTimes = new double[epochs.size() - 1];
            double[] stepTimes = new double[epochs.size() - 1];
            for (int i = 1; i < epochs.size(); i++) {
                epochTimes[i - 1] = epochs.get(i)[0] - epochs.get(i - 1)[0];
                stepTimes[i - 1] = epochs.get(i)[1];
            }
            return new Timing(epochTimes, stepTimes, config.batchSize());
        }
    }
}
