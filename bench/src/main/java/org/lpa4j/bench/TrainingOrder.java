package org.lpa4j.bench;

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
 * The demo's trainings one after another in one JVM, in a given order and repeated, each with its wall time and the
 * process CPU time it used (the JIT and the engine's pools included): what the first training of a process pays beyond
 * a later run of the same training, and the JIT's compilation time in it. {@code -Dlpa4j.warmUp=false} shows it without
 * the backend's warm-up.
 */
@Command(name = "training-order", mixinStandardHelpOptions = true, description = "Times the demo's LPA and E2E trainings in order, in one JVM.")
public final class TrainingOrder implements Callable<Integer> {

    @Option(names = "--backend", required = true, description = "nd4j, djl or tensorflow")
    String backend;
    @Option(names = "--order", defaultValue = "lpa,e2e,lpa,e2e", split = ",", description = "the trainings, in order (default ${DEFAULT-VALUE})")
    List<String> order;
    @Option(names = "--epochs", defaultValue = "60", description = "epochs of each training, the demo's by default (default ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--warm-up-epochs", defaultValue = "0",
            description = "before the timed trainings, train each trainer of the order this many epochs, untimed (default ${DEFAULT-VALUE})")
    int warmUpEpochs;
    @Option(names = "--threads", paramLabel = "N", description = "threads the engine may use (default: -Dlpa4j.threads, else every core)")
    Integer threads;

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** The JIT's compilation time, summed over its threads (wall-clock: a busy machine inflates it). */
    private static final java.lang.management.CompilationMXBean JIT = java.lang.management.ManagementFactory.getCompilationMXBean();

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainingOrder()).execute(args));
    }

    @Override
    public Integer call() {
        if (threads != null) {
            EngineThreads.useEverywhere(threads);
        }
        // The demo: peaks2d, fnn depth 6 width 64, tanh, learning rate 3e-3, seed 0.
        LoadedTask loaded = Tasks.discover().load("surface:peaks2d", TaskOptions.defaults());
        ResidualNetwork network = Architectures.discover().create("fnn", loaded.shape(), ArchitectureOptions.of(6, 64).withActivation(Activation.TANH));
        TrainingConfig config = TrainingConfig.defaults().withEpochs(epochs).withLearningRate(3e-3).withSeed(0);
        long cpu0 = PROCESS.getProcessCpuTime();
        long wall0 = System.nanoTime();
        try (Backend b = Backends.open(backend)) {
            b.warmUp();
            System.out.printf("%s: opening (warm-up %s) %.2f s wall, %.2f s CPU%n", b.name(), System.getProperty("lpa4j.warmUp", "on"),
                    (System.nanoTime() - wall0) / 1e9, (PROCESS.getProcessCpuTime() - cpu0) / 1e9);
            if (warmUpEpochs > 0) {
                long warmCpu = PROCESS.getProcessCpuTime();
                long warmWall = System.nanoTime();
                for (String name : new java.util.LinkedHashSet<>(order)) {
                    trainer(name).train(b, network, loaded.data(), config.withEpochs(warmUpEpochs), loaded.metric(), List.of()).close();
                }
                System.out.printf("  untimed warm-up, %d epochs of each trainer: %.2f s wall, %.2f s CPU%n", warmUpEpochs,
                        (System.nanoTime() - warmWall) / 1e9, (PROCESS.getProcessCpuTime() - warmCpu) / 1e9);
            }
            for (String name : order) {
                ProgressiveTrainer trainer = trainer(name);
                long cpu = PROCESS.getProcessCpuTime();
                long jit = JIT.getTotalCompilationTime();
                long[] firstEpoch = new long[2];
                long wall = System.nanoTime();
                TrainingListener first = new TrainingListener() {
                    @Override
                    public void onEpoch(String trainer, int epoch, double meanLoss, double[] validationPerDepth) {
                        if (epoch == 1) {
                            firstEpoch[0] = System.nanoTime() - wall;
                            firstEpoch[1] = PROCESS.getProcessCpuTime() - cpu;
                        }
                    }
                };
                try (TrainingResult r = trainer.train(b, network, loaded.data(), config, loaded.metric(), List.of(first))) {
                    System.out.printf("  %s: %.2f s wall (as reported), %.2f s CPU, the JIT compiling %.2f s (the first epoch, its"
                                    + " compilation and the validation programs' included: %.2f s wall, %.2f s CPU); last depth %.5g%n", name,
                            r.test().wallSeconds(), (PROCESS.getProcessCpuTime() - cpu) / 1e9, (JIT.getTotalCompilationTime() - jit) / 1e3,
                            firstEpoch[0] / 1e9, firstEpoch[1] / 1e9, r.test().values()[r.test().values().length - 1]);
                }
            }
        }
        return 0;
    }

    private ProgressiveTrainer trainer(String name) {
        return switch (name) {
            case "lpa" -> new LpaTrainer();
            case "e2e" -> new E2ETrainer();
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "--order takes lpa and e2e, not '" + name + "'.");
        };
    }
}
