package org.lpa4j.backend.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.backend.UnsupportedCapabilityException;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.inference.EarlyExit;
import org.lpa4j.api.inference.ExitPolicy;
import org.lpa4j.api.inference.ExitResult;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.ArchitectureProvider;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.conformance.Tolerances;

/**
 * Every registered architecture gives the same readouts at every depth on ONNX Runtime as on TensorFlow from the same
 * FLOAT32 weights (the cross-backend tolerance of FLOAT32), and early exit routes every row to the same depth.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxRuntimeParityTest {
    private static final List<TaskShape> TASKS = List.of(
            TaskShape.features(3, 1),
            new TaskShape(new int[] {3}, false, 0, 4, OutputKind.CLASSES),
            new TaskShape(new int[] {1, 8, 8}, false, 0, 3, OutputKind.CLASSES),
            new TaskShape(new int[] {6}, true, 11, 3, OutputKind.CLASSES),
            new TaskShape(new int[] {6}, true, 11, 11, OutputKind.NEXT_TOKEN));
    private static final int ROWS = 40;

    private Backend tensorflow;
    private Backend onnxruntime;

    @BeforeAll
    void open() {
        tensorflow = Backends.open("tensorflow");
        onnxruntime = new OnnxRuntimeBackendProvider().create();
    }

    @AfterAll
    void close() {
        tensorflow.close();
        onnxruntime.close();
    }

    Stream<Arguments> networks() {
        List<Arguments> out = new ArrayList<>();
        for (ArchitectureProvider provider : Architectures.discover().providers()) {
            for (TaskShape task : TASKS) {
                if (provider.incompatibility(task) == null) {
                    out.add(Arguments.of(provider.name() + " on " + task, task, provider.create(task, ArchitectureOptions.of(3, 16).withHeads(2))));
                }
            }
        }
        return out.stream();
    }

    private static HostTensor input(TaskShape task, ResidualNetwork network, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] dims = network.input().shape().dims();
        dims[0] = ROWS;
        Shape shape = Shape.of(dims);
        int n = (int) shape.size();
        if (network.input().dtype() == DType.INT32) {
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) {
                ids[i] = random.nextInt(task.vocabulary());
            }
            return HostTensor.ofInts(shape, ids);
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return HostTensor.ofFloats(shape, values);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void everyDepth_andEarlyExit_matchTensorFlow(String name, TaskShape task, ResidualNetwork network) {
        ParameterSet weights = ParameterSet.initialize(network.parameters(), 11, DType.FLOAT32);
        HostTensor x = input(task, network, 5);
        try (ProgressiveModel reference = new ProgressiveModel(network, tensorflow.createVariables(weights));
                ProgressiveModel served = new ProgressiveModel(network, onnxruntime.createVariables(weights))) {
            List<HostTensor> expected = reference.predictAll(x);
            List<HostTensor> actual = served.predictAll(x);
            for (int k = 0; k < expected.size(); k++) {
                assertClose(expected.get(k), actual.get(k), name + " depth " + (k + 1));
                assertClose(expected.get(k), served.predict(x, k + 1), name + " depth-" + (k + 1) + " program");
            }
            if (task.output() == OutputKind.CLASSES) {
                ExitPolicy policy = ExitPolicy.Confidence.shared(0.4, network.depth());
                ExitResult a = new EarlyExit(reference, policy).run(x);
                ExitResult b = new EarlyExit(served, policy).run(x);
                assertArrayEquals(a.depths(), b.depths(), name + ": exit depth of every row");
                assertClose(a.predictions(), b.predictions(), name + ": early-exit predictions");
            }
        }
    }

    @Test
    void loadingNewWeights_changesWhatTheNextRunComputes() {
        TaskShape task = TASKS.get(1);
        ResidualNetwork network = Architectures.discover().create("fnn", task, ArchitectureOptions.of(2, 8));
        HostTensor x = input(task, network, 3);
        ParameterSet first = ParameterSet.initialize(network.parameters(), 1, DType.FLOAT32);
        ParameterSet second = ParameterSet.initialize(network.parameters(), 2, DType.FLOAT32);
        try (VariableStore store = onnxruntime.createVariables(first);
                CompiledForward f = store.compileForward(List.of(network.input()), (ops, p, in) -> List.of(network.readout(ops, p, in.get(0), 2)));
                ProgressiveModel reference = new ProgressiveModel(network, tensorflow.createVariables(second))) {
            HostTensor before = f.run(List.of(x)).get(0);
            store.load(second);
            HostTensor after = f.run(List.of(x)).get(0);
            assertTrue(!before.equals(after), "a load must change the outputs");
            assertClose(reference.predict(x, 2), after, "after load");
            assertEquals(second, store.export());
        }
    }

    @Test
    void training_isRefusedNamingTheCapability() {
        assertTrue(!onnxruntime.supports(Capability.TRAINING));
        ParameterSet w = ParameterSet.of(java.util.Map.of("w", HostTensor.ofFloats(Shape.of(2), 1, 2)));
        try (VariableStore store = onnxruntime.createVariables(w)) {
            UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class, () -> store.compileTrainStep(
                    List.of(InputSpec.fixed("x", DType.FLOAT32, 2)), (ops, p, in) -> ops.mseLoss(p.get("w"), in.get(0)), store.names(),
                    OptimizerSpec.sgd()));
            assertEquals(Capability.TRAINING, e.capability());
            assertTrue(e.getMessage().contains("inference only"), e.getMessage());
        }
    }

    private static void assertClose(HostTensor expected, HostTensor actual, String what) {
        assertEquals(expected.shape(), actual.shape(), what);
        double relative = Tolerances.relative(DType.FLOAT32);
        double absolute = Tolerances.absolute(DType.FLOAT32);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getDouble(i);
            double gap = Math.abs(actual.getDouble(i) - e) - (relative * Math.abs(e) + absolute);
            if (gap > worst) {
                worst = gap;
                at = i;
            }
        }
        int i = at;
        assertTrue(at < 0, () -> what + ": element " + i + " is " + actual.getDouble(i) + " against " + expected.getDouble(i));
    }
}
