package org.lpa4j.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.model.DepthCost;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.architectures.fnn.ResidualMlp;
import org.lpa4j.architectures.resnet.ResNet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Shallow inference at its real cost, on one backend: for an MNIST-sized ResNet (depth 6, width 16) and a depth-6,
 * width-256 MLP, the median latency of the depth-k program over the full depth's, beside the ratio of their
 * multiply-adds; then {@code --requests} requests at depths drawn in random order, each through a freshly truncated
 * model, with the latency and resident memory of every tenth of them. Seeded weights: latency does not depend on
 * training.
 */
@Command(name = "inference-bench", mixinStandardHelpOptions = true,
        description = "Depth-k latency against depth-k cost, and latency and memory over many requests at random depths.")
public final class InferenceBench implements Callable<Integer> {
    @Option(names = "--backend", required = true, description = "nd4j, djl, tensorflow or onnxruntime")
    String backend;
    @Option(names = "--batch", defaultValue = "256", description = "rows per latency call (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--repeats", defaultValue = "25", description = "timed calls per depth, interleaved over depths (default ${DEFAULT-VALUE})")
    int repeats;
    @Option(names = "--requests", defaultValue = "10000", description = "requests at random depths for the flatness check (default ${DEFAULT-VALUE})")
    int requests;
    @Option(names = "--request-rows", defaultValue = "16", description = "rows per request (default ${DEFAULT-VALUE})")
    int requestRows;

    /** The batch of the per-depth figures in the docs. */
    static final int BATCH = 256;

    public static void main(String[] args) {
        System.exit(new CommandLine(new InferenceBench()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        try (Backend b = Backends.open(backend)) {
            System.out.printf("%s (%s)%n", b.name(), b.engineVersion());
            latencies(b, new ResNet(1, 28, 28, 16, 6, 10, 4, DType.FLOAT32), "resnet depth 6 width 16, 1x28x28");
            latencies(b, new ResidualMlp(64, 256, 6, 10, Activation.RELU, false, DType.FLOAT32), "mlp depth 6 width 256, 64 features");
            flatness(b, new ResNet(1, 28, 28, 16, 6, 10, 4, DType.FLOAT32));
        }
        return 0;
    }

    /** The per-depth latency tables alone, at {@code batch} rows with {@code repeats} calls per depth (the bench's inference rows). */
    static void perDepth(Backend b, int batch, int repeats) {
        InferenceBench bench = new InferenceBench();
        bench.batch = batch;
        bench.repeats = repeats;
        bench.latencies(b, new ResNet(1, 28, 28, 16, 6, 10, 4, DType.FLOAT32), "resnet depth 6 width 16, 1x28x28");
        bench.latencies(b, new ResidualMlp(64, 256, 6, 10, Activation.RELU, false, DType.FLOAT32), "mlp depth 6 width 256, 64 features");
    }

    private static ProgressiveModel seeded(Backend b, ResidualNetwork network) {
        return new ProgressiveModel(network, b.createVariables(ParameterSet.initialize(network.parameters(), 1, DType.FLOAT32)));
    }

    /** {@code rows} seeded inputs of {@code network}, uniform in [-1, 1]: latency does not depend on the values. */
    static HostTensor input(ResidualNetwork network, int rows, long seed) {
        int[] dims = network.input().shape().dims();
        dims[0] = rows;
        Shape shape = Shape.of(dims);
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return HostTensor.ofFloats(shape, v);
    }

    /** Median latency per depth, the calls of all depths interleaved so that load on the machine hits every depth alike. */
    private void latencies(Backend b, ResidualNetwork network, String what) {
        DepthCost cost = DepthCost.of(network);
        int depth = network.depth();
        HostTensor x = input(network, batch, 2);
        try (ProgressiveModel model = seeded(b, network)) {
            for (int k = 1; k <= depth; k++) {
                for (int w = 0; w < 5; w++) {
                    model.predict(x, k);
                }
            }
            double[][] ms = new double[depth][repeats];
            for (int r = 0; r < repeats; r++) {
                for (int k = 1; k <= depth; k++) {
                    long t0 = System.nanoTime();
                    model.predict(x, k);
                    ms[k - 1][r] = (System.nanoTime() - t0) / 1e6;
                }
            }
            double full = Bench.median(ms[depth - 1]);
            System.out.printf("%n%s: %s, batch %d, median of %d calls per depth%n", b.name(), what, batch, repeats);
            System.out.println("| depth | multiply-adds per example | latency ms | latency / full | cost / full | off by |");
            System.out.println("|---|---|---|---|---|---|");
            for (int k = 1; k <= depth; k++) {
                double m = Bench.median(ms[k - 1]);
                double latencyRatio = m / full;
                double costRatio = cost.relativeCost(k);
                System.out.printf("| %d | %,d | %.3f | %.3f | %.3f | %+.1f%% |%n", k, cost.multiplyAdds(k), m, latencyRatio, costRatio,
                        100 * (latencyRatio - costRatio) / costRatio);
            }
        }
    }

    /** Requests at random depths, each through a model truncated for it and closed after it. */
    private void flatness(Backend b, ResidualNetwork network) throws IOException {
        int depth = network.depth();
        HostTensor x = input(network, requestRows, 3);
        SplittableRandom random = new SplittableRandom(4);
        int window = Math.max(1, requests / 10);
        System.out.printf("%n%s: %d requests of %d rows at random depths 1..%d, each through model.truncate(k) (resnet depth 6 width 16)%n",
                b.name(), requests, requestRows, depth);
        System.out.println("| requests | median latency ms | resident MiB |");
        System.out.println("|---|---|---|");
        try (ProgressiveModel model = seeded(b, network)) {
            List<Double> times = new ArrayList<>();
            for (int i = 1; i <= requests; i++) {
                int k = 1 + random.nextInt(depth);
                long t0 = System.nanoTime();
                try (ProgressiveModel shallow = model.truncate(k)) {
                    shallow.predict(x, k);
                }
                times.add((System.nanoTime() - t0) / 1e6);
                if (i % window == 0) {
                    System.out.printf("| %d | %.3f | %d |%n", i, Bench.median(times.stream().mapToDouble(Double::doubleValue).toArray()),
                            Bench.residentKb() / 1024);
                    times.clear();
                }
            }
            System.out.printf("programs compiled over the %d requests: %d%n", requests, model.compiledPrograms());
        }
    }
}
