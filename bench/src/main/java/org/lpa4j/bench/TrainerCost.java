package org.lpa4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.spi.EngineThreads;
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
 * LPA's epoch time over E2E's on one task, architecture and backend: the real trainers with the same epochs, batches and
 * per-epoch validation, run in lockstep on two threads that take turns every few mini-batches (a {@link Turns}), so
 * both see the same load on a shared machine. Only the time a trainer holds its turn counts; the first epoch
 * (compilation) is left out. Prints the median of the per-epoch ratios with their quartiles, the same for the process
 * CPU time each trainer used while holding its turn (which a shared machine's load changes far less), and each trainer's
 * training throughput (examples per second of the mini-batch steps, validation excluded).
 */
@Command(name = "trainer-cost", mixinStandardHelpOptions = true,
        description = "Times an epoch of LPA and of E2E training, in lockstep, and prints their ratio.")
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
    @Option(names = "--rounds", defaultValue = "3", description = "rounds of one LPA and one E2E run in lockstep (default ${DEFAULT-VALUE})")
    int rounds;
    @Option(names = "--batches-per-turn", defaultValue = "10",
            description = "mini-batches one trainer runs before the other takes its turn (default ${DEFAULT-VALUE})")
    int batchesPerTurn;

    @Option(names = "--threads", paramLabel = "N", description = "threads the engine may use (default: -Dlpa4j.threads, else every core)")
    Integer threads;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainerCost()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (epochs < 2) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--epochs must be at least 2: the first epoch is left out.");
        }
        if (threads != null) {
            EngineThreads.useEverywhere(threads);
        }
        LoadedTask loaded = Tasks.discover().load(task, TaskOptions.defaults().withLimit(limit).withContext(context));
        ResidualNetwork network = Architectures.discover().create(arch, loaded.shape(),
                ArchitectureOptions.of(depth, width).withHeads(heads).withActivation(activation));
        TrainingConfig config = TrainingConfig.defaults().withEpochs(epochs).withBatchSize(batchSize).withLearningRate(3e-3);
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        List<Double> lpaSteps = new ArrayList<>();
        List<Double> e2eSteps = new ArrayList<>();
        try (Backend b = Backends.open(backend)) {
            System.out.printf("%s (%s): %s %s depth %d width %d, %d train / %d validation examples, batch %d, %d rounds of %d epochs%n",
                    b.name(), b.engineVersion(), task, arch, depth, width, loaded.data().train().size(), loaded.data().validation().size(),
                    batchSize, rounds, epochs);
            for (int r = 0; r < rounds; r++) {
                Turns turns = new Turns(2, batchesPerTurn, r % 2);
                Clock lpa = turns.clock(0);
                Clock e2e = turns.clock(1);
                Thread other = new Thread(() -> train(new E2ETrainer(), b, network, loaded, config, e2e), "e2e");
                other.start();
                train(new LpaTrainer(), b, network, loaded, config, lpa);
                other.join();
                for (int e = 1; e < lpa.epochs.size(); e++) {
                    ratios.add(lpa.epochs.get(e) / e2e.epochs.get(e));
                    cpuRatios.add(lpa.cpu.get(e) / e2e.cpu.get(e));
                    System.out.printf("  round %d epoch %d: LPA %.3f s, E2E %.3f s, ratio %.3f; process CPU LPA %.3f s, E2E %.3f s, ratio %.3f%n",
                            r + 1, e + 1, lpa.epochs.get(e), e2e.epochs.get(e), lpa.epochs.get(e) / e2e.epochs.get(e), lpa.cpu.get(e), e2e.cpu.get(e),
                            lpa.cpu.get(e) / e2e.cpu.get(e));
                }
                lpaSteps.addAll(lpa.steps.subList(1, lpa.steps.size()));
                e2eSteps.addAll(e2e.steps.subList(1, e2e.steps.size()));
            }
        }
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double[] cpuSorted = cpuRatios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("%s %s %s: LPA/E2E epoch time %.3f (median of %d epochs in lockstep, quartiles %.3f-%.3f), process CPU time %.3f"
                        + " (quartiles %.3f-%.3f); training throughput LPA %.0f, E2E %.0f examples/s%n", backend, task, arch, Bench.median(sorted), n,
                sorted[n / 4], sorted[(3 * n) / 4], Bench.median(cpuSorted), cpuSorted[n / 4], cpuSorted[(3 * n) / 4],
                batchSize / Bench.median(lpaSteps.stream().mapToDouble(Double::doubleValue).toArray()),
                batchSize / Bench.median(e2eSteps.stream().mapToDouble(Double::doubleValue).toArray()));
        return 0;
    }

    /** The process's CPU time over all its threads (the engines' own pools, the JIT and the collector included). */
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private static void train(ProgressiveTrainer trainer, Backend b, ResidualNetwork network, LoadedTask loaded, TrainingConfig config, Clock clock) {
        try (TrainingResult ignored = trainer.train(b, network, loaded.data(), config, loaded.metric(), List.of(clock))) {
            clock.awaitOthers();
        }
    }

    /**
     * Turns between trainers on their own threads: only the holder of the turn trains; it passes the turn on every
     * {@code batchesPerTurn} mini-batches and at the end of every epoch. A finished trainer is skipped.
     */
    private static final class Turns {
        private final int batchesPerTurn;
        private final boolean[] finished;
        private int holder;
        private int running;

        Turns(int trainers, int batchesPerTurn, int first) {
            this.batchesPerTurn = batchesPerTurn;
            this.finished = new boolean[trainers];
            this.holder = first;
            this.running = trainers;
        }

        Clock clock(int me) {
            return new Clock(this, me);
        }

        synchronized void await(int me) {
            while (holder != me) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a turn", e);
                }
            }
        }

        synchronized void pass(int me) {
            for (int i = 1; i <= finished.length; i++) {
                int next = (me + i) % finished.length;
                if (!finished[next]) {
                    holder = next;
                    break;
                }
            }
            notifyAll();
        }

        synchronized void finish(int me) {
            finished[me] = true;
            running--;
            pass(me);
        }

        /** Blocks until every trainer has finished, so no one's test evaluation runs beside another's timed epochs. */
        synchronized void awaitAll() {
            while (running > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the other trainer", e);
                }
            }
        }
    }

    /** One trainer's listener: takes and passes turns, and adds up the time it trains while holding one. */
    private static final class Clock implements TrainingListener {
        private final Turns turns;
        private final int me;
        final List<Double> epochs = new ArrayList<>();
        /** Per epoch: the process's CPU seconds while this trainer held its turn (the other waits, so they are this trainer's). */
        final List<Double> cpu = new ArrayList<>();
        /** Per epoch: seconds per step, held time of the steps only, over the steps run. */
        final List<Double> steps = new ArrayList<>();
        private long turnStart;
        private long turnCpuStart;
        private long heldCpuNanos;
        private long heldNanos;
        private long stepNanos;
        private long lastBatchEnd;
        private int stepsTimed;

        Clock(Turns turns, int me) {
            this.turns = turns;
            this.me = me;
        }

        @Override
        public void onTrainingBegin(String trainer, int epochs, int batchesPerEpoch) {
            turns.await(me);
            startTurn();
            lastBatchEnd = turnStart;
        }

        @Override
        public void onBatch(String trainer, int epoch, int batch, double loss) {
            long now = System.nanoTime();
            if (batch > 1) {
                // The previous step's end to this one's, within one turn: one step, the batch gathering included.
                stepNanos += now - lastBatchEnd;
                stepsTimed++;
            }
            lastBatchEnd = now;
            if (batch % turns.batchesPerTurn == 0) {
                handOver(now);
                lastBatchEnd = System.nanoTime();
            }
        }

        @Override
        public void onEpoch(String trainer, int epoch, double meanLoss, double[] validationPerDepth) {
            long now = System.nanoTime();
            heldNanos += now - turnStart;
            heldCpuNanos += PROCESS.getProcessCpuTime() - turnCpuStart;
            epochs.add(heldNanos / 1e9);
            cpu.add(heldCpuNanos / 1e9);
            heldCpuNanos = 0;
            steps.add(stepsTimed == 0 ? Double.NaN : stepNanos / 1e9 / stepsTimed);
            heldNanos = 0;
            stepNanos = 0;
            stepsTimed = 0;
            turns.pass(me);
            turns.await(me);
            startTurn();
            lastBatchEnd = turnStart;
        }

        @Override
        public void onTrainingEnd(String trainer, int epochsRun, double seconds) {
            turns.finish(me);
        }

        void awaitOthers() {
            turns.awaitAll();
        }

        private void handOver(long now) {
            heldNanos += now - turnStart;
            heldCpuNanos += PROCESS.getProcessCpuTime() - turnCpuStart;
            turns.pass(me);
            turns.await(me);
            startTurn();
        }

        private void startTurn() {
            turnStart = System.nanoTime();
            turnCpuStart = PROCESS.getProcessCpuTime();
        }
    }
}
