package org.lpa4j.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.ResidentTensor;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.model.BlockOutput;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.architectures.resnet.ResNet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What the host crossing of early exit costs, on one backend: for the MNIST-sized ResNet (depth 6, width 16) at batch
 * {@code --batch}, the median time of one block call ({@code nextBlock}: state in, state and readout out), of a
 * program that only passes the state through (state in, state out: the copies and the call that an engine-resident state
 * would save at most), and of the host work between blocks (selecting half the rows of the state, reading the readout);
 * then the calls a calibrated exit makes with the state on the engine, by median and by mean. Seeded weights; the calls
 * are interleaved so that load on the machine hits each alike.
 */
@Command(name = "exit-crossing-bench", mixinStandardHelpOptions = true,
        description = "Per-block call time against the state's round trip to the host, for batched early exit.")
public final class ExitCrossingBench implements Callable<Integer> {
    @Option(names = "--backend", required = true, description = "nd4j, djl, tensorflow or onnxruntime")
    String backend;
    @Option(names = "--batch", defaultValue = "256", description = "rows per call (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--repeats", defaultValue = "50", description = "timed calls of each kind (default ${DEFAULT-VALUE})")
    int repeats;
    @Option(names = "--stay-second", defaultValue = "0.452", description = "share of the batch that goes on to block 2 in the exit's calls "
            + "(default ${DEFAULT-VALUE}: the README's MNIST model under its calibrated policy, 1 - 5482/10000)")
    double staySecond;
    @Option(names = "--stay-third", defaultValue = "0.081", description = "share of the batch that goes on to blocks 3..4 "
            + "(default ${DEFAULT-VALUE}: 814/10000 for that model)")
    double stayThird;

    /**
     * The calls early exit makes with the state on the engine ({@code EarlyExit}): the first block from host input (upload,
     * run, readout to the host), a next block, a selection of half the rows, and for scale the full depth from host input.
     */
    private void resident(ProgressiveModel model, HostTensor x, int[] half) {
        try (ResidentTensor state = model.firstBlockResident(x).state()) {
            List<Supplier<Object>> kinds = List.of(() -> closeState(model.firstBlockResident(x).state()),
                    () -> closeState(model.nextBlockResident(2, state).state()), () -> closeState(model.selectRows(state, half)),
                    () -> model.predict(x, model.depth()));
            double[] m = medians(kinds);
            System.out.printf("%nThe same with the state on the engine (resident), median of %d calls%n", repeats);
            System.out.println("| first block from the host ms | next block ms | selection of half the rows ms | full depth " + model.depth()
                    + " from the host ms |");
            System.out.println("|---|---|---|---|");
            System.out.printf("| %.3f | %.3f | %.3f | %.3f |%n", m[0], m[1], m[2], m[3]);
        }
    }

    /**
     * The calls of a calibrated exit on one batch, as {@code EarlyExit} makes them when {@link #staySecond} of the rows go on
     * to block 2 and {@link #stayThird} to blocks 3..4 (finished together in one call): each call's median, mean and 99th
     * percentile, and the full depth over the three calls by medians and by means. The gap between the two is the calls
     * that a busy core delays (a thread of the engine's or the JVM's waiting for the core the caller or a worker holds).
     */
    private void exitCalls(ProgressiveModel model, HostTensor x) {
        int n = x.shape().dim(0);
        int[] second = spread(n, Math.max(1, (int) Math.round(staySecond * n)));
        int[] third = spread(second.length, Math.max(1, (int) Math.round(stayThird * n)));
        try (ResidentTensor h1 = model.firstBlockResident(x).state(); ResidentTensor h2 = model.nextBlockResident(2, h1, second).state()) {
            List<Supplier<Object>> kinds = List.of(() -> model.predict(x, model.depth()), () -> closeState(model.firstBlockResident(x).state()),
                    () -> closeState(model.nextBlockResident(2, h1, second).state()), () -> model.readoutsFromResident(3, 4, h2, third));
            double[][] ms = times(kinds);
            String[] names = {"full depth " + model.depth() + ", " + n + " rows", "block 1 from the host, " + n + " rows",
                "block 2 on " + second.length + " rows of the state", "blocks 3..4 on " + third.length + " rows, finished together"};
            System.out.printf("%nThe calls of a calibrated exit (%d of %d rows go on to block 2, %d to blocks 3..4), %d calls each%n",
                    second.length, n, third.length, repeats);
            System.out.println("| call | median ms | mean ms | 99th percentile ms |");
            System.out.println("|---|---|---|---|");
            double[] median = new double[kinds.size()];
            double[] mean = new double[kinds.size()];
            for (int k = 0; k < kinds.size(); k++) {
                median[k] = Bench.median(ms[k]);
                mean[k] = Arrays.stream(ms[k]).average().orElse(Double.NaN);
                double[] sorted = ms[k].clone();
                Arrays.sort(sorted);
                System.out.printf("| %s | %.3f | %.3f | %.3f |%n", names[k], median[k], mean[k], sorted[(int) Math.floor(0.99 * (sorted.length - 1))]);
            }
            System.out.printf("Full depth over the exit's three calls: %.2fx by medians, %.2fx by means.%n",
                    median[0] / (median[1] + median[2] + median[3]), mean[0] / (mean[1] + mean[2] + mean[3]));
        }
    }

    /** {@code m} rows of {@code n}, spread evenly. */
    private static int[] spread(int n, int m) {
        int[] rows = new int[Math.min(m, n)];
        Arrays.setAll(rows, i -> (int) ((long) i * n / rows.length));
        return rows;
    }

    /** The median milliseconds of each call, as {@link #times} measures them. */
    private double[] medians(List<Supplier<Object>> kinds) {
        return Arrays.stream(times(kinds)).mapToDouble(Bench::median).toArray();
    }

    /** The milliseconds of each call after 5 warm-up rounds, over {@link #repeats} rounds that interleave the calls. */
    private double[][] times(List<Supplier<Object>> kinds) {
        double[][] ms = new double[kinds.size()][repeats];
        for (int w = 0; w < 5; w++) {
            kinds.forEach(Supplier::get);
        }
        for (int r = 0; r < repeats; r++) {
            for (int k = 0; k < kinds.size(); k++) {
                long t0 = System.nanoTime();
                kinds.get(k).get();
                ms[k][r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return ms;
    }

    private static Object closeState(ResidentTensor t) {
        t.close();
        return t;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ExitCrossingBench()).execute(args));
    }

    @Override
    public Integer call() {
        ResNet network = new ResNet(1, 28, 28, 16, 6, 10, 4, DType.FLOAT32);
        try (Backend b = Backends.open(backend);
             ProgressiveModel model = new ProgressiveModel(network, b.createVariables(ParameterSet.initialize(network.parameters(), 1,
                     DType.FLOAT32)));
             VariableStore none = b.createVariables(ParameterSet.of(Map.of("unused", HostTensor.zeros(DType.FLOAT32, Shape.of(1)))))) {
            BlockOutput first = model.firstBlock(InferenceBench.input(network, batch, 2));
            HostTensor state = first.state();
            int[] example = Arrays.copyOfRange(state.shape().dims(), 1, state.shape().rank());
            int[] half = new int[batch / 2];
            Arrays.setAll(half, i -> 2 * i);
            try (CompiledForward passThrough = none.compileForward(List.of(InputSpec.batched("h", state.dtype(), example)),
                    (ops, params, in) -> List.of(ops.stopGradient(in.get(0))))) {
                List<Supplier<Object>> kinds = List.of(() -> model.nextBlock(2, state), () -> passThrough.run(List.of(state)),
                        () -> TensorDataset.rows(state, half), () -> first.readout().toDoubleArray());
                double[] m = medians(kinds);
                double block = m[0];
                double roundTrip = m[1];
                double rows = m[2];
                double readout = m[3];
                System.out.printf("%s (%s): resnet depth 6 width 16, state %s, median of %d calls%n", b.name(), b.engineVersion(),
                        state.shape(), repeats);
                System.out.println("| block call ms | state round trip ms | host row selection ms | readout to host ms | saved at most (round trip + row selection) / block |");
                System.out.println("|---|---|---|---|---|");
                System.out.printf("| %.3f | %.3f | %.3f | %.3f | %.0f%% |%n", block, roundTrip, rows, readout,
                        100 * (roundTrip + rows) / block);
                resident(model, InferenceBench.input(network, batch, 2), half);
                exitCalls(model, InferenceBench.input(network, batch, 2));
            }
        }
        return 0;
    }
}
