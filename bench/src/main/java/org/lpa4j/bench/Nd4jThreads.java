package org.lpa4j.bench;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The nd4j backend's {@link BenchMlp} train step at several engine thread counts, alternated round by round in one JVM
 * so that the load of a shared machine hits every count alike: the measurement behind the nd4j backend's default of
 * one thread.
 */
@Command(name = "nd4j-threads", mixinStandardHelpOptions = true,
        description = "Times the nd4j train step of the bench network at several ND4J thread counts, alternated in one JVM.")
public final class Nd4jThreads implements Callable<Integer> {

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "thread counts to compare (default ${DEFAULT-VALUE})")
    int[] threads;

    @Option(names = "--rounds", defaultValue = "9", description = "alternating rounds (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--steps-per-round", defaultValue = "5", description = "steps per thread count per round (default ${DEFAULT-VALUE})")
    int stepsPerRound;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Nd4jThreads()).execute(args));
    }

    @Override
    public Integer call() {
        BenchMlp mlp = new BenchMlp();
        ParameterSet init = ParameterSet.initialize(mlp.parameters(), 1, DType.FLOAT32);
        SplittableRandom random = new SplittableRandom(2);
        List<HostTensor> batch = List.of(Bench.uniform(random, Shape.of(BenchMlp.BATCH, BenchMlp.INPUT)),
                Bench.uniform(random, Shape.of(BenchMlp.BATCH, 1)));
        List<InputSpec> specs = List.of(InputSpec.batched("x", DType.FLOAT32, BenchMlp.INPUT), InputSpec.batched("y", DType.FLOAT32, 1));
        double lr = 1e-4;
        try (Backend b = Backends.open("nd4j");
             VariableStore store = b.createVariables(init);
             CompiledTrainStep step = store.compileTrainStep(specs, mlp.loss(), init.names(), OptimizerSpec.adam())) {
            double[][] ms = new double[threads.length][rounds];
            for (int r = -1; r < rounds; r++) {
                for (int k = 0; k < threads.length; k++) {
                    // Rotate which count goes first, so drift on a shared machine hits each alike.
                    int c = Math.floorMod(k + r, threads.length);
                    Nd4jHandWrittenStep.engineSettings(threads[c]);
                    step.run(batch, lr);
                    long t0 = System.nanoTime();
                    for (int i = 0; i < stepsPerRound; i++) {
                        step.run(batch, lr);
                    }
                    if (r >= 0) {
                        ms[c][r] = (System.nanoTime() - t0) / 1e6 / stepsPerRound;
                    }
                }
            }
            for (int c = 0; c < threads.length; c++) {
                double[] ratios = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    ratios[r] = ms[c][r] / ms[0][r];
                }
                double[] sorted = ms[c].clone();
                Arrays.sort(sorted);
                System.out.printf("nd4j train step at %d thread(s): median %.1f ms (min %.1f, max %.1f); median per-round ratio to %d "
                        + "thread(s) %.2f (%d rounds x %d steps)%n", threads[c], Bench.median(ms[c]), sorted[0], sorted[rounds - 1],
                        threads[0], Bench.median(ratios), rounds, stepsPerRound);
            }
        }
        return 0;
    }
}
