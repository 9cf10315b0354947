package org.lpa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.CompiledTrainStep;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.compile.TraceException;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.ShapeMismatchException;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.conformance.reference.Fixtures;

/**
 * The same misuse gets the same sentence on every backend: a few of the shared messages (learning rate, null
 * arguments, closed objects, unknown or empty parameter sets, trace misuse) asserted word for word, so a new backend
 * that extends the {@code org.lpa4j.api.spi} base inherits them and one that does not is caught.
 */
public class MisuseConformance extends BackendConformance {

    private static final Dense DENSE = new Dense("dense", 3, 2);
    private static final String KNOWN = "[dense.weight, dense.bias]";
    private static final InputSpec X = InputSpec.batched("x", DType.FLOAT32, 3);
    private static final List<InputSpec> SPECS = List.of(X, InputSpec.batched("y", DType.FLOAT32, 2));
    private static final LossFunction MSE = (ops, p, xs) -> ops.mseLoss(DENSE.forward(ops, p, xs.get(0)), xs.get(1));
    private static final String CLOSED = " has been closed and cannot be used any more; compile a new one.";

    private VariableStore store() {
        return backend().createVariables(ParameterSet.initialize(DENSE.parameters(), Fixtures.SEED, DType.FLOAT32));
    }

    private static List<HostTensor> batch() {
        return List.of(Fixtures.random(1, 2, 3).cast(DType.FLOAT32), Fixtures.random(2, 2, 2).cast(DType.FLOAT32));
    }

    private static <T extends Throwable> void expect(Class<T> type, String message, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(message, e.getMessage());
    }

    @TestFactory
    Stream<DynamicTest> required_aBadLearningRate_isRefusedAndChangesNothing() {
        return Stream.of(-0.1, Double.NaN, Double.POSITIVE_INFINITY).map(lr -> DynamicTest.dynamicTest("learning rate " + lr, () -> {
            assumeCapability(Capability.TRAINING);
            try (VariableStore store = store(); CompiledTrainStep step = store.compileTrainStep(SPECS, MSE, store.names(), OptimizerSpec.sgd())) {
                ParameterSet before = store.export();
                expect(Lpa4jException.class, "The learning rate must be a finite number >= 0, but is " + lr + ".", () -> step.run(batch(), lr));
                assertEquals(before, store.export(), "a refused step must not change any parameter");
                assertEquals(0, step.stepCount(), "a refused step must not count");
            }
        }));
    }

    @Test
    void required_nullArguments_areNamed() {
        List<InputSpec> withNull = Arrays.asList(X, null);
        try (VariableStore store = store()) {
            expect(NullPointerException.class, "Input spec 1 is null.", () -> store.compileForward(withNull, (ops, p, xs) -> xs));
            expect(NullPointerException.class, "Input spec 1 is null.", () -> store.compileGradient(withNull, MSE, store.names()));
            expect(NullPointerException.class, "Input spec 1 is null.",
                    () -> store.compileTrainStep(withNull, MSE, store.names(), OptimizerSpec.sgd()));
            expect(NullPointerException.class, "The forward function is null.", () -> store.compileForward(SPECS, null));
            expect(NullPointerException.class, "The loss function is null.", () -> store.compileGradient(SPECS, null, store.names()));
            expect(NullPointerException.class, "The loss function is null.",
                    () -> store.compileTrainStep(SPECS, null, store.names(), OptimizerSpec.sgd()));
            expect(NullPointerException.class, "The optimizer is null.", () -> store.compileTrainStep(SPECS, MSE, store.names(), null));
            expect(NullPointerException.class, "The parameter values are null.", () -> store.load(null));
        }
    }

    @Test
    void required_closedObjects_sayWhatWasClosed() {
        VariableStore store = store();
        CompiledForward forward = store.compileForward(List.of(X), (ops, p, xs) -> List.of(DENSE.forward(ops, p, xs.get(0))));
        boolean training = backend().supports(Capability.TRAINING);
        CompiledGradient gradient = training ? store.compileGradient(SPECS, MSE, store.names()) : null;
        CompiledTrainStep step = training ? store.compileTrainStep(SPECS, MSE, store.names(), OptimizerSpec.sgd()) : null;
        forward.close();
        expect(IllegalStateException.class, "This forward program" + CLOSED, () -> forward.run(batch().subList(0, 1)));
        store.close();
        if (training) {
            expect(IllegalStateException.class, "This gradient program" + CLOSED, () -> gradient.run(batch()));
            expect(IllegalStateException.class, "This train step" + CLOSED, () -> step.run(batch(), 0.1));
        }
        expect(IllegalStateException.class, "This variable store" + CLOSED, store::export);
        Backend other = createBackend();
        other.close();
        expect(IllegalStateException.class, "This backend" + CLOSED, () -> other.createVariables(ParameterSet.of(java.util.Map.of())));
    }

    @Test
    void required_unknownOrEmptyParameterSets_areNamed() {
        try (VariableStore store = store()) {
            expect(Lpa4jException.class, "The wrt parameters [nope] are not in this variable store; known parameters: " + KNOWN + ".",
                    () -> store.compileGradient(SPECS, MSE, Set.of("nope")));
            expect(Lpa4jException.class, "The set of trainable parameters is empty; name at least one parameter.",
                    () -> store.compileTrainStep(SPECS, MSE, Set.of(), OptimizerSpec.sgd()));
            expect(Lpa4jException.class, "No parameter named 'dense.wieght'; known parameters: " + KNOWN + ".",
                    () -> Fixtures.runOnce(store, List.of(X), (ops, p, xs) -> List.of(ops.matmul(xs.get(0), p.get("dense.wieght"))),
                            batch().subList(0, 1)));
        }
    }

    @Test
    void required_traceMisuse_getsTheSharedSentences() {
        AtomicReference<Ops> keptOps = new AtomicReference<>();
        AtomicReference<Tensor> keptOutput = new AtomicReference<>();
        List<HostTensor> x = batch().subList(0, 1);
        try (VariableStore store = store()) {
            Fixtures.runOnce(store, List.of(X), (ops, p, xs) -> {
                keptOps.set(ops);
                keptOutput.set(DENSE.forward(ops, p, xs.get(0)));
                return List.of(keptOutput.get());
            }, x);
            expect(TraceException.class, "add: this Ops instance belongs to a trace that has ended. Keep Ops and tensors only inside "
                    + "the function call; do not store them in fields.", () -> keptOps.get().add(keptOutput.get(), keptOutput.get()));
            expect(TraceException.class, "add: got a tensor FLOAT32 [?, 2] that was not created by this function's Ops (it comes "
                    + "from another function, program or backend). A traced function must only use its inputs, its parameters and "
                    + "the tensors it creates with the Ops it is given.",
                    () -> Fixtures.runOnce(store, List.of(X), (ops, p, xs) -> List.of(ops.add(DENSE.forward(ops, p, xs.get(0)),
                            keptOutput.get())), x));
            expect(NullPointerException.class, "add: a tensor argument is null.",
                    () -> Fixtures.runOnce(store, List.of(X), (ops, p, xs) -> List.of(ops.add(xs.get(0), null)), x));
            expect(ShapeMismatchException.class, "relu: needs a FLOAT32 or FLOAT64 operand but got INT32 [?, 3]; convert it with ops.cast(...).",
                    () -> Fixtures.runOnce(store, List.of(X), (ops, p, xs) -> List.of(ops.relu(ops.cast(xs.get(0), DType.INT32))), x));
            if (!backend().supports(Capability.TRAINING)) {
                return;
            }
            expect(TraceException.class, "The loss function returned a FLOAT32 tensor of shape [?, 2]; a loss must be a rank-0 "
                    + "floating tensor (reduce it with ops.mean or ops.sum).", () -> {
                        try (CompiledGradient g = store.compileGradient(SPECS, (ops, p, xs) -> DENSE.forward(ops, p, xs.get(0)), store.names())) {
                            g.run(batch());
                        }
                    });
        }
    }
}
