package org.lpa4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.backend.UnsupportedCapabilityException;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.spi.EngineThreads;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.backend.djl.DjlBackendProvider;
import org.lpa4j.backend.nd4j.Nd4jBackendProvider;
import org.lpa4j.backend.tensorflow.TensorFlowBackendProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark command: for one backend, the time of one {@link BenchMlp} Adam step through lpa4j next to the same
 * step written by hand on the engine, measured alternately in one run and reported as a ratio; then the resident
 * memory growth over many lpa4j steps after warm-up.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Times one train step of a residual MLP (width 256, 8 blocks, batch 256) through lpa4j and by hand.")
public final class Bench implements Callable<Integer> {

    @Option(names = "--backend", required = true, description = "nd4j, djl or tensorflow")
    String backend;

    @Option(names = "--warmup", defaultValue = "30", description = "steps of each variant before timing (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--rounds", defaultValue = "151",
            description = "alternating rounds; with one step each, neighbouring steps see the same load (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--steps-per-round", defaultValue = "1", description = "steps per variant per round (default ${DEFAULT-VALUE})")
    int stepsPerRound;

    @Option(names = "--sessions", defaultValue = "2",
            description = "times the whole alternating measurement is repeated, to show how far two runs in a row agree (default ${DEFAULT-VALUE})")
    int sessions;

    @Option(names = "--threads", paramLabel = "N",
            description = "threads the engine may use, for lpa4j and the hand-written step alike (default: -Dlpa4j.threads, else every core)")
    Integer threads;

    @Option(names = "--memory-steps", defaultValue = "10000",
            description = "lpa4j steps for the resident-memory check, 0 to skip (default ${DEFAULT-VALUE})")
    int memorySteps;

    @Option(names = "--memory-warmup", defaultValue = "3000", description = "warm-up steps before the memory check (default ${DEFAULT-VALUE})")
    int memoryWarmup;

    /** Random batches in the pool, of which each variant takes its steps in turn. */
    private static final int BATCHES = 16;

    /** The process's CPU time over all its threads (the engines' own pools included). */
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private static final int MEMORY_WIDTH = 64;
    private static final int MEMORY_BLOCKS = 2;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (threads != null) {
            EngineThreads.useEverywhere(threads);
        }
        BenchMlp mlp = new BenchMlp();
        ParameterSet init = ParameterSet.initialize(mlp.parameters(), 1, DType.FLOAT32);
        SplittableRandom random = new SplittableRandom(2);
        // A pool of batches of random targets, taken in turn: the network cannot fit them, so the loss, the gradients and
        // the optimizer's state stay of ordinary size. (On one fixed batch the loss fell to 1e-14 within a few hundred
        // steps, Adam's second moments became subnormal floats, and an engine that does not flush them to zero slowed
        // down by 7% or more depending on how many steps a run took.)
        List<List<HostTensor>> pool = new ArrayList<>();
        for (int i = 0; i < BATCHES; i++) {
            pool.add(List.of(uniform(random, Shape.of(BenchMlp.BATCH, BenchMlp.INPUT)), uniform(random, Shape.of(BenchMlp.BATCH, 1))));
        }
        BatchCycle apiBatches = new BatchCycle(pool);
        BatchCycle handBatches = new BatchCycle(pool);
        List<HostTensor> batch = pool.get(0);
        HostTensor x = batch.get(0);
        HostTensor y = batch.get(1);
        List<InputSpec> specs = List.of(InputSpec.batched("x", DType.FLOAT32, BenchMlp.INPUT), InputSpec.batched("y", DType.FLOAT32, 1));
        double lr = 1e-4;
        try (Backend b = Backends.open(backend)) {
            if (!b.supports(Capability.TRAINING)) {
                inferenceOnly(b, init, specs, mlp);
                return 0;
            }
            HandWrittenStep hand = HandWrittenSteps.all().stream().filter(h -> h.backend().equals(backend)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No hand-written step for backend '" + backend + "'."));
            try (VariableStore store = b.createVariables(init);
                 CompiledTrainStep step = store.compileTrainStep(specs, mlp.loss(), init.names(), OptimizerSpec.adam())) {
                hand.init(init);
                double lossApi = step.run(batch, lr);
                double lossHand = hand.step(x, y, lr);
                System.out.printf("%s (%s): first-step loss lpa4j %.7f, hand-written %.7f; engine threads: %s%n", b.name(), b.engineVersion(),
                        lossApi, lossHand, EngineThreads.resolve(threadsProperty(backend)));
                for (int i = 0; i < warmup; i++) {
                    step.run(apiBatches.next(), lr);
                    handBatches.step(hand, lr);
                }
                // Both have taken the same steps from the same weights on the same batch: their losses should still agree.
                System.out.printf("%s: loss after %d steps each: lpa4j %.7f, hand-written %.7f%n", b.name(), 1 + warmup,
                        step.run(apiBatches.next(), lr), handBatches.step(hand, lr));
                double flops = mlp.trainStepFlops(BenchMlp.BATCH);
                double[] sessionRatios = new double[sessions];
                for (int session = 0; session < sessions; session++) {
                    ProductPeak peak = new ProductPeak(hand);
                    double[] api = new double[rounds];
                    double[] direct = new double[rounds];
                    double[] apiCpu = new double[rounds];
                    double[] directCpu = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        // Alternate which variant goes first so drift on a shared machine hits both alike.
                        if (r % 2 == 0) {
                            api[r] = time(() -> step.run(apiBatches.next(), lr), apiCpu, r);
                            direct[r] = time(() -> handBatches.step(hand, lr), directCpu, r);
                        } else {
                            direct[r] = time(() -> handBatches.step(hand, lr), directCpu, r);
                            api[r] = time(() -> step.run(apiBatches.next(), lr), apiCpu, r);
                        }
                        peak.run();
                    }
                    double mApi = median(api);
                    double mDirect = median(direct);
                    double[] ratios = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        ratios[r] = api[r] / direct[r];
                    }
                    double[] sorted = ratios.clone();
                    Arrays.sort(sorted);
                    sessionRatios[session] = median(ratios);
                    double cpuRatio = Arrays.stream(apiCpu).sum() / Arrays.stream(directCpu).sum();
                    System.out.printf("%s: train step lpa4j %.3f ms, hand-written %.3f ms, ratio %.3f (median of per-round ratios %.3f, "
                                    + "quartiles %.3f-%.3f, %d rounds x %d steps; process CPU time ratio %.3f); lpa4j step %.1f GFLOP/s = %.0f%% of"
                                    + " the engine's peak (%s)%n",
                            b.name(), mApi, mDirect, mApi / mDirect, sessionRatios[session], sorted[rounds / 4], sorted[(3 * rounds) / 4], rounds,
                            stepsPerRound, cpuRatio, flops / mApi / 1e6, 100 * flops / mApi / 1e6 / peak.gflops(), peak);
                }
                if (sessions > 1) {
                    double[] sorted = sessionRatios.clone();
                    Arrays.sort(sorted);
                    System.out.printf("%s: median per-round ratio over %d sessions %s: they agree within %.3f%n", b.name(), sessions,
                            Arrays.toString(Arrays.stream(sessionRatios).map(v -> Math.round(v * 1000) / 1000.0).toArray()),
                            sorted[sessions - 1] - sorted[0]);
                }
                hand.close();
                if (memorySteps > 0) {
                    memory(b, apiBatches, specs, lr);
                }
            }
        }
        return 0;
    }

    /**
     * An engine without training (ONNX Runtime): the train-step and memory rows are skipped with the backend's own
     * sentence for what it lacks, and the per-depth inference latency is measured instead (see {@link InferenceBench}).
     */
    private void inferenceOnly(Backend b, ParameterSet init, List<InputSpec> specs, BenchMlp mlp) {
        String reason;
        try (VariableStore store = b.createVariables(init);
             CompiledTrainStep step = store.compileTrainStep(specs, mlp.loss(), init.names(), OptimizerSpec.adam())) {
            throw new IllegalStateException(b.name() + " says it lacks " + Capability.TRAINING + " but compiled a train step.");
        } catch (UnsupportedCapabilityException e) {
            reason = e.getMessage();
        }
        System.out.printf("%s (%s): train-step and memory rows skipped: %s%n", b.name(), b.engineVersion(), reason);
        InferenceBench.perDepth(b, InferenceBench.BATCH, rounds);
    }

    /**
     * Resident-memory growth over {@link #memorySteps} lpa4j steps after {@link #memoryWarmup} warm-up steps, on a small
     * network of the same architecture (width {@value #MEMORY_WIDTH}, {@value #MEMORY_BLOCKS} blocks): the question is
     * whether each step releases what it allocates, which does not depend on the size, and the small size keeps the
     * slowest engine's 10,000 steps to a minute.
     */
    private void memory(Backend b, BatchCycle batches, List<InputSpec> specs, double lr) throws IOException {
        BenchMlp small = new BenchMlp(MEMORY_WIDTH, MEMORY_BLOCKS);
        ParameterSet init = ParameterSet.initialize(small.parameters(), 1, DType.FLOAT32);
        try (VariableStore store = b.createVariables(init);
             CompiledTrainStep step = store.compileTrainStep(specs, small.loss(), init.names(), OptimizerSpec.adam())) {
            for (int i = 0; i < memoryWarmup; i++) {
                step.run(batches.next(), lr);
            }
            long before = residentKb();
            long t0 = System.nanoTime();
            List<Long> samples = new ArrayList<>();
            for (int i = 1; i <= memorySteps; i++) {
                step.run(batches.next(), lr);
                if (i % Math.max(1, memorySteps / 5) == 0) {
                    samples.add(residentKb());
                }
            }
            long after = residentKb();
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%s: resident memory after %d warm-up steps %d MiB, after %d more steps %d MiB: growth %.2f%% "
                    + "(samples MiB %s; width %d, %d blocks, %.1f s)%n", b.name(), memoryWarmup, before / 1024, memorySteps,
                    after / 1024, 100.0 * (after - before) / before, samples.stream().map(k -> k / 1024).toList(), MEMORY_WIDTH,
                    MEMORY_BLOCKS, seconds);
        }
    }

    /** The system property of {@code backend}'s own thread count, beside the shared {@value EngineThreads#PROPERTY}. */
    private static String threadsProperty(String backend) {
        return switch (backend) {
            case "nd4j" -> Nd4jBackendProvider.THREADS_PROPERTY;
            case "djl" -> DjlBackendProvider.THREADS_PROPERTY;
            case "tensorflow" -> TensorFlowBackendProvider.THREADS_PROPERTY;
            default -> null;
        };
    }

    /** The wall-clock milliseconds per step of {@link #stepsPerRound} steps; their process CPU milliseconds go to {@code cpu[round]}. */
    private double time(Runnable stepOnce, double[] cpu, int round) {
        long cpu0 = PROCESS.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < stepsPerRound; i++) {
            stepOnce.run();
        }
        double wall = (System.nanoTime() - t0) / 1e6 / stepsPerRound;
        cpu[round] = (PROCESS.getProcessCpuTime() - cpu0) / 1e6 / stepsPerRound;
        return wall;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static HostTensor uniform(SplittableRandom r, Shape shape) {
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return HostTensor.ofFloats(shape, v);
    }

    /** The process's resident set size in KiB, from /proc/self/status. */
    static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("VmRSS not found in /proc/self/status; the memory check needs Linux.");
    }

    /** One variant's walk through the batch pool, so both variants see the same sequence of batches. */
    private static final class BatchCycle {
        private final List<List<HostTensor>> pool;
        private int next;

        BatchCycle(List<List<HostTensor>> pool) {
            this.pool = pool;
        }

        List<HostTensor> next() {
            List<HostTensor> batch = pool.get(next);
            next = (next + 1) % pool.size();
            return batch;
        }

        double step(HandWrittenStep hand, double lr) {
            List<HostTensor> batch = next();
            return hand.step(batch.get(0), batch.get(1), lr);
        }
    }
}
