package org.lpa4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.inference.EarlyExit;
import org.lpa4j.api.inference.ExitPolicy;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.model.ResidentBlockOutput;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.architectures.resnet.ResNet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Where early exit's time goes at batch 1, on one backend: for the MNIST-sized ResNet (depth 6, width 16, seeded
 * weights) and {@value #ROWS} single rows, the time per row of the full-depth call, of early exit when every row leaves
 * at depth 1 and when every row runs to a cap of {@value #CAP}, and of the same block calls made by hand (so what exit
 * adds around its calls shows), all interleaved in every repeat, in an order that turns from repeat to repeat.
 */
@Command(name = "exit-single-row-bench", mixinStandardHelpOptions = true,
        description = "Early exit at batch 1: the full depth, exit at depth 1 and at the cap, and the same calls by hand.")
public final class ExitSingleRowBench implements Callable<Integer> {
    /** The single rows timed per repeat. */
    static final int ROWS = 32;
    /** The depth cap of the policy whose rows never leave early. */
    static final int CAP = 4;

    @Option(names = "--backend", required = true, description = "nd4j, djl, tensorflow or onnxruntime")
    String backend;
    @Option(names = "--repeats", defaultValue = "201", description = "timed repeats of every kind (default ${DEFAULT-VALUE})")
    int repeats;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ExitSingleRowBench()).execute(args));
    }

    @Override
    public Integer call() {
        ResNet net = new ResNet(1, 28, 28, 16, 6, 10, 4, DType.FLOAT32);
        HostTensor all = InferenceBench.input(net, ROWS, 5);
        List<HostTensor> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(HostTensor.ofFloats(Shape.of(1, 1, 28, 28), java.util.Arrays.copyOfRange(all.toFloatArray(), i * 784, (i + 1) * 784)));
        }
        try (Backend b = Backends.open(backend);
             ProgressiveModel model = new ProgressiveModel(net, b.createVariables(ParameterSet.initialize(net.parameters(), 1, DType.FLOAT32)))) {
            EarlyExit first = new EarlyExit(model, ExitPolicy.Confidence.shared(0, CAP));
            EarlyExit capped = new EarlyExit(model, ExitPolicy.Confidence.shared(1, CAP));
            List<Runnable> kinds = List.of(() -> rows.forEach(x -> model.predict(x, 6)), () -> rows.forEach(first::run),
                    () -> rows.forEach(x -> byHand(model, x, 1)), () -> rows.forEach(capped::run), () -> rows.forEach(x -> byHand(model, x, CAP)));
            String[] names = {"full depth (one call)", "exit, every row at depth 1", "the same call by hand", "exit, every row to depth " + CAP,
                    "the same " + CAP + " calls by hand"};
            double[][] us = new double[kinds.size()][repeats];
            for (int w = 0; w < 5; w++) {
                kinds.forEach(Runnable::run);
            }
            for (int r = 0; r < repeats; r++) {
                // The order turns every repeat: a call right after another program's call finds colder caches.
                for (int i = 0; i < kinds.size(); i++) {
                    int k = (i + r) % kinds.size();
                    long t0 = System.nanoTime();
                    kinds.get(k).run();
                    us[k][r] = (System.nanoTime() - t0) / 1e3 / ROWS;
                }
            }
            System.out.printf("%s (%s): %d single rows, median of %d interleaved repeats%n", b.name(), b.engineVersion(), ROWS, repeats);
            System.out.println("| what | us per row | first quartile |");
            System.out.println("|---|---|---|");
            for (int k = 0; k < names.length; k++) {
                System.out.printf("| %s | %.1f | %.1f |%n", names[k], Bench.median(us[k]), quartile(us[k]));
            }
        }
        return 0;
    }

    /** The block calls of a row that leaves at {@code depth}: stem and block 1, then one call per block, each readout read. */
    private static void byHand(ProgressiveModel model, HostTensor x, int depth) {
        ResidentBlockOutput out = model.firstBlockResident(x);
        out.readout().toDoubleArray();
        var state = out.state();
        for (int l = 2; l <= depth; l++) {
            ResidentBlockOutput next = model.nextBlockResident(l, state);
            state.close();
            next.readout().toDoubleArray();
            state = next.state();
        }
        state.close();
    }

    private static double quartile(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c[c.length / 4];
    }
}
