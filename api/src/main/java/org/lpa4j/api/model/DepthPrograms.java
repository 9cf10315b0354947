package org.lpa4j.api.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.spi.RowSelection;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * The forward programs of one trained network, each compiled on first use and kept until {@link #close}: the
 * depth-k prefix (stem, blocks 1..k, head), the readouts 1..k in one pass, and the per-block steps that early exit
 * routes rows through. A model and every model truncated from it share one instance, so asking for a depth again
 * never compiles again (on a graph engine each compilation adds to the graph and its memory for good).
 */
final class DepthPrograms implements AutoCloseable {
    private final ResidualNetwork network;
    private final VariableStore store;
    private final Map<String, CompiledForward> programs = new LinkedHashMap<>();
    private boolean closed;

    DepthPrograms(ResidualNetwork network, VariableStore store) {
        this.network = network;
        this.store = store;
    }

    /** {@code x -> yhat_k}: the stem, blocks 1..k and the head, nothing deeper. */
    CompiledForward prefix(int k) {
        return cached("prefix " + k, () -> store.compileForward(List.of(network.input()),
                (ops, p, in) -> List.of(network.readout(ops, p, in.get(0), k))));
    }

    /** {@code x -> [yhat_1, ..., yhat_k]} in one pass. */
    CompiledForward readouts(int k) {
        return cached("readouts " + k, () -> store.compileForward(List.of(network.input()),
                (ops, p, in) -> network.readouts(ops, p, in.get(0), k, false)));
    }

    /** {@code x -> [h_1, yhat_1]}: the stem and block 1, so the first exit costs one call. */
    CompiledForward firstBlock() {
        return cached("block 1", () -> store.compileForward(List.of(network.input()),
                (ops, p, in) -> blockAndReadout(1, ops, p, network.stem(ops, p, in.get(0)))));
    }

    /** {@code h_{l-1} -> [h_l, yhat_l]} for a state shaped like {@code state} (its batch dimension is free). */
    CompiledForward nextBlock(int l, HostTensor state) {
        return nextBlock(l, state.dtype(), state.shape());
    }

    /** {@link #nextBlock(int, HostTensor)} for a state of type {@code dtype} shaped like {@code shape}. */
    CompiledForward nextBlock(int l, DType dtype, Shape shape) {
        InputSpec spec = stateSpec(dtype, shape);
        return cached("block " + l + " " + spec, () -> store.compileForward(List.of(spec),
                (ops, p, in) -> blockAndReadout(l, ops, p, in.get(0))));
    }

    /**
     * {@code (h_{l-1}, rows) -> [h_l, yhat_l]}: block l on the rows {@code rows} of the state, selected inside the program,
     * so that early exit's selection of the rows that stay costs no call of its own.
     */
    CompiledForward nextBlockOfRows(int l, DType dtype, Shape shape) {
        InputSpec spec = stateSpec(dtype, shape);
        ForwardFunction select = RowSelection.function(tail(shape));
        return cached("block " + l + " of rows " + spec, () -> store.compileForward(List.of(spec, InputSpec.rows("rows")),
                (ops, p, in) -> blockAndReadout(l, ops, p, select.apply(ops, p, in).get(0))));
    }

    /** {@code (h_{l-1}, rows) -> [yhat_l, ..., yhat_k]}: {@link #readoutsFrom} on the rows {@code rows} of the state. */
    CompiledForward readoutsFromRows(int l, int k, DType dtype, Shape shape) {
        InputSpec spec = stateSpec(dtype, shape);
        ForwardFunction select = RowSelection.function(tail(shape));
        return cached("readouts " + l + ".." + k + " of rows " + spec, () -> store.compileForward(List.of(spec, InputSpec.rows("rows")),
                (ops, p, in) -> readoutsFrom(l, k, ops, p, select.apply(ops, p, in).get(0))));
    }

    /** {@code h_{l-1} -> [yhat_l, ..., yhat_k]}: blocks l..k in one program, for the last few rows of an early exit. */
    CompiledForward readoutsFrom(int l, int k, HostTensor state) {
        return readoutsFrom(l, k, state.dtype(), state.shape());
    }

    /** {@link #readoutsFrom(int, int, HostTensor)} for a state of type {@code dtype} shaped like {@code shape}. */
    CompiledForward readoutsFrom(int l, int k, DType dtype, Shape shape) {
        InputSpec spec = stateSpec(dtype, shape);
        return cached("readouts " + l + ".." + k + " " + spec, () -> store.compileForward(List.of(spec),
                (ops, p, in) -> readoutsFrom(l, k, ops, p, in.get(0))));
    }

    /** Block l continuing from {@code previous}: the state {@code h_l} and the readout {@code yhat_l}. */
    private List<Tensor> blockAndReadout(int l, Ops ops, Parameters p, Tensor previous) {
        Tensor h = ops.add(previous, network.block(l, ops, p, previous));
        return List.of(h, network.head(l, ops, p, h));
    }

    /** The readouts of blocks l..k continuing from {@code h}. */
    private List<Tensor> readoutsFrom(int l, int k, Ops ops, Parameters p, Tensor h) {
        List<Tensor> out = new ArrayList<>();
        for (int b = l; b <= k; b++) {
            h = ops.add(h, network.block(b, ops, p, h));
            out.add(network.head(b, ops, p, h));
        }
        return out;
    }

    /** A state's dimensions after the leading (row) one. */
    private static int[] tail(Shape shape) {
        int[] dims = shape.dims();
        return Arrays.copyOfRange(dims, 1, dims.length);
    }

    /** The input of a program that continues from a state: its batch dimension free. */
    private static InputSpec stateSpec(DType dtype, Shape shape) {
        int[] dims = shape.dims();
        return InputSpec.batched("h", dtype, Arrays.copyOfRange(dims, 1, dims.length));
    }

    private synchronized CompiledForward cached(String key, Supplier<CompiledForward> compile) {
        if (closed) {
            throw new Lpa4jException("This model is closed; its programs cannot run. Load the model again.");
        }
        CompiledForward program = programs.get(key);
        if (program == null) {
            program = compile.get();
            programs.put(key, program);
        }
        return program;
    }

    /** How many programs are compiled: each depth and block is compiled at most once. */
    synchronized int size() {
        return programs.size();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            programs.values().forEach(CompiledForward::close);
            programs.clear();
        }
    }
}
