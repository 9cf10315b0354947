package org.lpa4j.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Where an ND4J gradient step of the {@link BenchMlp} graph spends its time: the step's wall time next to the time
 * inside each kind of op (measured by a SameDiff listener around every op), so what is left is SameDiff's own
 * per-op work (scheduling, shape calculation, allocation).
 */
@Command(name = "nd4j-op-times", mixinStandardHelpOptions = true,
        description = "Times each kind of op of the bench network's ND4J gradient step.")
public final class Nd4jOpTimes implements Callable<Integer> {

    @Option(names = "--threads", defaultValue = "1", description = "ND4J thread count (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--steps", defaultValue = "20", description = "timed steps (default ${DEFAULT-VALUE})")
    int steps;


    public static void main(String[] args) {
        System.exit(new CommandLine(new Nd4jOpTimes()).execute(args));
    }

    @Override
    public Integer call() {
        BenchMlp mlp = new BenchMlp();
        ParameterSet init = ParameterSet.initialize(mlp.parameters(), 1, DType.FLOAT32);
        Nd4jHandWrittenStep hand = new Nd4jHandWrittenStep();
        hand.init(init);
        Nd4jHandWrittenStep.engineSettings(threads);
        SameDiff sd = hand.graph();
        SplittableRandom random = new SplittableRandom(2);
        HostTensor x = Bench.uniform(random, Shape.of(BenchMlp.BATCH, BenchMlp.INPUT));
        HostTensor y = Bench.uniform(random, Shape.of(BenchMlp.BATCH, 1));
        Map<String, INDArray> feeds = Map.of("x", Nd4j.create(x.floatsUnsafe(), new long[] {BenchMlp.BATCH, BenchMlp.INPUT}, 'c'),
                "y", Nd4j.create(y.floatsUnsafe(), new long[] {BenchMlp.BATCH, 1}, 'c'));
        List<String> params = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                params.add(v.name());
            }
        }
        for (int i = 0; i < 10; i++) {
            sd.calculateGradients(feeds, params);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            sd.calculateGradients(feeds, params);
        }
        double plain = (System.nanoTime() - t0) / 1e6 / steps;
        Nd4jOpTimer timer = new Nd4jOpTimer();
        sd.setListeners(timer);
        t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            sd.calculateGradients(feeds, params);
        }
        double timed = (System.nanoTime() - t0) / 1e6 / steps;
        // Per op name: total milliseconds and count.
        Map<String, double[]> byOp = new HashMap<>();
        timer.nanos().forEach((name, durations) -> byOp.put(name,
                new double[] {durations.stream().mapToLong(Long::longValue).sum() / 1e6, durations.size()}));
        double inOps = byOp.values().stream().mapToDouble(v -> v[0]).sum() / steps;
        double ops = byOp.values().stream().mapToDouble(v -> v[1]).sum() / steps;
        System.out.printf("nd4j gradient step at %d thread(s): %.1f ms without the listener; with it %.1f ms, of which %.1f ms "
                + "inside %.0f ops (%.1f ms outside them, %.3f ms per op)%n", threads, plain, timed, inOps, ops, timed - inOps,
                (timed - inOps) / ops);
        byOp.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0])).forEach(e ->
                System.out.printf("  %-20s %8.2f ms per step %4.0f ops %8.3f ms per op%n", e.getKey(), e.getValue()[0] / steps,
                        e.getValue()[1] / steps, e.getValue()[0] / e.getValue()[1]));
        hand.close();
        return 0;
    }
}
