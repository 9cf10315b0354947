package org.lpa4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.architectures.readout.AdaptedReadouts;
import org.lpa4j.api.tensor.Tensor;

/**
 * {@code ResidualNetwork.stackedReadouts} (what LPA's loss reads: the head run once on every depth's state) equals the
 * readouts stacked, for every built-in architecture, a user's own, and one that overrides its readouts (the graded
 * network), on every backend, in both LPA forms.
 */
class StackedReadoutsTest {
    private static final Architectures ARCHITECTURES = Architectures.discover();
    private static final ArchitectureOptions OPTIONS = new ArchitectureOptions(3, 8, 2, Activation.TANH, DType.FLOAT64);
    private static final int ROWS = 5;

    @ParameterizedTest
    @ValueSource(strings = {"nd4j", "djl", "tensorflow"})
    void stackedReadoutsAreTheReadoutsStacked(String backend) {
        SplittableRandom random = new SplittableRandom(3);
        try (Backend b = Backends.open(backend)) {
            for (String arch : List.of("fnn", "gated-fnn", "graded")) {
                assertStacked(b, ARCHITECTURES.create(arch, TaskShape.features(2, 1), OPTIONS), doubles(random, Shape.of(ROWS, 2)));
            }
            TaskShape image = new TaskShape(new int[] {1, 8, 8}, false, 0, 10, OutputKind.CLASSES);
            ResidualNetwork resnet = ARCHITECTURES.create("resnet", image, OPTIONS);
            assertStacked(b, resnet, doubles(random, Shape.of(ROWS, 1, 8, 8)));
            // Per-depth readouts (adapter, rank-2 map, pooling of its own, temperatures), their weights made non-trivial.
            assertStacked(b, AdaptedReadouts.withTemperatures(AdaptedReadouts.withAdapter(resnet, 2, true), new double[] {1.5, 0.7, 2}),
                    doubles(random, Shape.of(ROWS, 1, 8, 8)));
            TaskShape text = new TaskShape(new int[] {6}, true, 11, 11, OutputKind.NEXT_TOKEN);
            int[] tokens = new int[ROWS * 6];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = random.nextInt(11);
            }
            assertStacked(b, ARCHITECTURES.create("transformer", text, OPTIONS), HostTensor.ofInts(Shape.of(ROWS, 6), tokens));
        }
    }

    private static void assertStacked(Backend b, ResidualNetwork network, HostTensor x) {
        int depth = network.depth();
        // A user's network may keep its own float type (the gated MLP is FLOAT32): weights and inputs follow it.
        DType dtype = network.input().dtype().isFloating() ? network.input().dtype() : DType.FLOAT64;
        HostTensor input = x.dtype().isFloating() ? x.cast(dtype) : x;
        double tolerance = dtype == DType.FLOAT64 ? 1e-12 : 1e-5;
        ParameterSet params = ParameterSet.initialize(network.parameters(), 1, dtype);
        SplittableRandom random = new SplittableRandom(5);
        for (String name : params.names()) {
            if (name.startsWith("readoutAdapter.")) {
                params = params.with(name, doubles(random, params.get(name).shape()).cast(dtype));
            }
        }
        try (VariableStore store = b.createVariables(params)) {
            for (boolean layerLocal : new boolean[] {false, true}) {
                try (CompiledForward f = store.compileForward(List.of(network.input()), (ops, p, in) -> {
                    List<Tensor> out = new ArrayList<>(List.of(network.stackedReadouts(ops, p, in.get(0), depth, layerLocal)));
                    out.addAll(network.readouts(ops, p, in.get(0), depth, layerLocal));
                    return out;
                })) {
                    List<HostTensor> results = f.run(List.of(input));
                    HostTensor stacked = results.get(0);
                    String what = network.name() + " on " + b.name() + (layerLocal ? ", layer-local" : "");
                    int[] readoutDims = results.get(1).shape().dims();
                    int[] expected = readoutDims.clone();
                    expected[0] = depth * readoutDims[0];
                    assertArrayEquals(expected, stacked.shape().dims(), what);
                    int perDepth = (int) results.get(1).size();
                    for (int l = 0; l < depth; l++) {
                        HostTensor readout = results.get(1 + l);
                        for (int i = 0; i < perDepth; i++) {
                            assertEquals(readout.getDouble(i), stacked.getDouble(l * perDepth + i), tolerance, what + ", depth " + (l + 1) + ", element " + i);
                        }
                    }
                }
            }
        }
    }

    private static HostTensor doubles(SplittableRandom random, Shape shape) {
        double[] v = new double[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
        return HostTensor.ofDoubles(shape, v);
    }
}
