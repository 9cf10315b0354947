package org.lpa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.ResidentTensor;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.conformance.reference.Fixtures;

/**
 * Tensors that stay in the engine between runs ({@link ResidentTensor}): a resident run gives what a host run gives, a
 * selection of rows gives the host's selection, an output held across the next run keeps its values, and a closed
 * tensor (or one of a closed store) is refused. Early exit relies on each.
 */
public class ResidentConformance extends BackendConformance {
    private static final Dense DENSE = new Dense("dense", 3, 4);
    private static final InputSpec X = InputSpec.batched("x", DType.FLOAT32, 3);

    private VariableStore store() {
        return backend().createVariables(ParameterSet.initialize(DENSE.parameters(), Fixtures.SEED, DType.FLOAT32));
    }

    private static HostTensor batch(long seed, int rows) {
        return Fixtures.random(seed, rows, 3).cast(DType.FLOAT32);
    }

    /** {@code x -> [tanh(dense(x)), x + 1]}: two outputs, one of them a new state. */
    private static CompiledForward program(VariableStore store) {
        return store.compileForward(List.of(X), (ops, p, xs) -> List.of(ops.tanh(DENSE.forward(ops, p, xs.get(0))),
                ops.add(xs.get(0), ops.scalar(1, DType.FLOAT32))));
    }

    @Test
    void required_residentRun_givesTheHostRunsOutputs_andUploadKeepsTheValues() {
        HostTensor x = batch(1, 5);
        try (VariableStore store = store(); CompiledForward f = program(store); ResidentTensor in = store.upload(x)) {
            assertEquals(x.shape(), in.shape());
            assertEquals(DType.FLOAT32, in.dtype());
            assertTrue(in.owner() == store, "owner() is the store that made it");
            Checks.assertIdentical("upload then toHost", x, in.toHost());
            List<HostTensor> host = f.run(List.of(x));
            List<ResidentTensor> resident = f.runResident(List.of(in));
            assertEquals(host.size(), resident.size());
            for (int i = 0; i < host.size(); i++) {
                assertEquals(host.get(i).shape(), resident.get(i).shape(), "output " + i + " shape");
                Checks.assertValues("output " + i, host.get(i), resident.get(i).toHost(), DType.FLOAT32);
                resident.get(i).close();
            }
            // The state output feeds the next run directly.
            try (ResidentTensor again = f.runResident(List.of(in)).get(1); ResidentTensor next = f.runResident(List.of(again)).get(1)) {
                Checks.assertValues("two chained runs", f.run(List.of(f.run(List.of(x)).get(1))).get(1), next.toHost(), DType.FLOAT32);
            }
        }
    }

    @Test
    void required_selectRows_givesTheHostSelection_ofUploadsAndOfOutputs() {
        HostTensor x = batch(2, 6);
        int[] rows = {4, 0, 0, 5};
        try (VariableStore store = store(); CompiledForward f = program(store); ResidentTensor in = store.upload(x)) {
            try (ResidentTensor picked = store.selectRows(in, rows)) {
                assertEquals(Shape.of(4, 3), picked.shape());
                Checks.assertIdentical("selectRows of an upload", TensorDataset.rows(x, rows), picked.toHost());
            }
            List<ResidentTensor> out = f.runResident(List.of(in));
            try (ResidentTensor picked = store.selectRows(out.get(0), rows)) {
                Checks.assertIdentical("selectRows of an output", TensorDataset.rows(out.get(0).toHost(), rows), picked.toHost());
                out.forEach(ResidentTensor::close);
                Checks.assertValues("a selection outlives its source", TensorDataset.rows(f.run(List.of(x)).get(0), rows), picked.toHost(),
                        DType.FLOAT32);
            }
            // A state of rank 3 (a sequence model's [B, T, D]) is selected by whole rows too.
            HostTensor cube = Fixtures.random(7, 5, 2, 3).cast(DType.FLOAT32);
            try (ResidentTensor up = store.upload(cube); ResidentTensor picked = store.selectRows(up, new int[] {3, 1})) {
                assertEquals(Shape.of(2, 2, 3), picked.shape());
                Checks.assertIdentical("selectRows of a rank-3 tensor", TensorDataset.rows(cube, new int[] {3, 1}), picked.toHost());
                // ND4J handed out its own shape array, and a selection that changed it reshaped its source.
                Checks.assertIdentical("the source of a selection, unchanged", cube, up.toHost());
            }
            Lpa4jException e = assertThrows(Lpa4jException.class, () -> store.selectRows(in, new int[] {6}));
            assertTrue(e.getMessage().contains("row 6"), e.getMessage());
        }
    }

    @Test
    void required_aHeldOutput_survivesTheNextRuns() {
        HostTensor a = batch(3, 4);
        HostTensor b = batch(4, 7);
        try (VariableStore store = store(); CompiledForward f = program(store)) {
            HostTensor expected = f.run(List.of(a)).get(0);
            ResidentTensor held;
            ResidentTensor heldUpload = store.upload(a);
            try (ResidentTensor in = store.upload(a)) {
                held = f.runResident(List.of(in)).get(0);
            }
            for (int i = 0; i < 3; i++) {
                try (ResidentTensor in = store.upload(b)) {
                    f.runResident(List.of(in)).forEach(ResidentTensor::close);
                }
                f.run(List.of(b));
            }
            Checks.assertIdentical("an output held across three more runs and its input's close", expected, held.toHost());
            Checks.assertIdentical("an upload held across later uploads and host runs", a, heldUpload.toHost());
            held.close();
            heldUpload.close();
        }
    }

    @Test
    void required_outputsThatAreTheInputOrAParameter_areHandlesOfTheirOwn() {
        HostTensor x = batch(6, 3);
        try (VariableStore store = store();
                CompiledForward f = store.compileForward(List.of(X), (ops, p, xs) -> List.of(xs.get(0), xs.get(0), p.get(DENSE.biasName())));
                ResidentTensor in = store.upload(x)) {
            HostTensor bias = store.export().get(DENSE.biasName());
            List<ResidentTensor> out = f.runResident(List.of(in));
            out.get(0).close();
            Checks.assertIdentical("the input, after an output that passed it through was closed", x, in.toHost());
            Checks.assertIdentical("the same pass-through, output twice, after the other was closed", x, out.get(1).toHost());
            out.get(2).close();
            Checks.assertIdentical("the parameter, after an output that returned it was closed", bias, store.export().get(DENSE.biasName()));
            try (ResidentTensor again = f.runResident(List.of(in)).get(2)) {
                Checks.assertIdentical("the parameter's output of a later run", bias, again.toHost());
            }
            out.get(1).close();
        }
    }

    @Test
    void required_useAfterClose_isRefused() {
        HostTensor x = batch(5, 2);
        VariableStore store = store();
        CompiledForward f = program(store);
        ResidentTensor closed = store.upload(x);
        closed.close();
        closed.close();
        assertTrue(closed.isClosed());
        assertThrows(IllegalStateException.class, closed::toHost);
        assertThrows(IllegalStateException.class, () -> f.runResident(List.of(closed)));
        assertThrows(IllegalStateException.class, () -> store.selectRows(closed, new int[] {0}));
        ResidentTensor open = store.upload(x);
        try (VariableStore other = store()) {
            Lpa4jException e = assertThrows(Lpa4jException.class, () -> program(other).runResident(List.of(open)));
            assertTrue(e.getMessage().contains("another variable store"), e.getMessage());
        }
        ResidentTensor output = f.runResident(List.of(open)).get(0);
        store.close();
        assertTrue(open.isClosed() && output.isClosed(), "closing a store closes its resident tensors");
        assertThrows(IllegalStateException.class, open::toHost);
        assertThrows(IllegalStateException.class, output::toHost);
        assertThrows(IllegalStateException.class, () -> store.upload(x));
    }
}
