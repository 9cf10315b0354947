package org.lpa4j.api.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.backend.UnsupportedCapabilityException;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.ResidentTensor;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * A trained residual network: one set of weights, a model at every depth. {@link #predict} reads out depth k at the
 * cost of the stem, k blocks and the head; {@link #predictAll} reads out every depth in one pass; {@link #firstBlock}
 * and {@link #nextBlock} run one block at a time so a row can stop at its own depth; {@link #truncate} gives a depth-k
 * model sharing the weights and the compiled programs. Every program is compiled once, on first use, and freed when
 * this model closes.
 */
public final class ProgressiveModel implements AutoCloseable {
    private final ResidualNetwork network;
    private final VariableStore store;
    private final int depth;
    private final DepthPrograms programs;
    private final boolean owner;
    /** False once the backend refused a gather inside a program: rows are then selected by a call of their own. */
    private volatile boolean selectsInPrograms = true;

    /** Wraps a store holding {@code network}'s parameters; the model closes the store when closed. */
    public ProgressiveModel(ResidualNetwork network, VariableStore store) {
        this(network, store, network.depth(), new DepthPrograms(network, store), true);
    }

    private ProgressiveModel(ResidualNetwork network, VariableStore store, int depth, DepthPrograms programs, boolean owner) {
        this.network = Objects.requireNonNull(network, "network is null");
        this.store = Objects.requireNonNull(store, "store is null");
        this.depth = depth;
        this.programs = programs;
        this.owner = owner;
    }

    public ResidualNetwork network() {
        return network;
    }

    /** The deepest readout this model offers. */
    public int depth() {
        return depth;
    }

    /** The prediction of the depth-{@code k} readout, {@code 1 <= k <= depth()}: blocks deeper than k are not run. */
    public HostTensor predict(HostTensor x, int k) {
        requireDepth(k);
        return RowBatches.run(programs.prefix(k), x).get(0);
    }

    /** The predictions of every depth 1..depth(), computed in one pass per slice of {@link RowBatches#DEFAULT_ROWS} examples. */
    public List<HostTensor> predictAll(HostTensor x) {
        return RowBatches.run(programs.readouts(depth), x);
    }

    /** The stem and block 1 on {@code x}: the state {@code h_1} and the readout {@code yhat_1}. */
    public BlockOutput firstBlock(HostTensor x) {
        List<HostTensor> out = programs.firstBlock().run(List.of(x));
        return new BlockOutput(out.get(0), out.get(1));
    }

    /**
     * Block {@code l} ({@code 2 <= l <= depth()}) continuing from the state {@code h_{l-1}} of the rows still running:
     * their state {@code h_l} and readout {@code yhat_l}.
     */
    public BlockOutput nextBlock(int l, HostTensor state) {
        requireContinuation(l);
        List<HostTensor> out = programs.nextBlock(l, state).run(List.of(state));
        return new BlockOutput(out.get(0), out.get(1));
    }

    /**
     * Blocks {@code l..k} ({@code 2 <= l <= k <= depth()}) continuing from the state {@code h_{l-1}}, in one program: the
     * readouts {@code yhat_l..yhat_k}. Early exit finishes its last few rows this way, one call instead of one per block.
     */
    public List<HostTensor> readoutsFrom(int l, int k, HostTensor state) {
        requireRange(l, k);
        return programs.readoutsFrom(l, k, state).run(List.of(state));
    }

    /**
     * {@link #firstBlock} with the state left in the engine: only the readout comes to the host. The caller closes the
     * state.
     */
    public ResidentBlockOutput firstBlockResident(HostTensor x) {
        try (ResidentTensor in = store.upload(x)) {
            return resident(programs.firstBlock().runResident(List.of(in)));
        }
    }

    /** {@link #nextBlock} from a state in the engine, leaving the new state there: only the readout comes to the host. */
    public ResidentBlockOutput nextBlockResident(int l, ResidentTensor state) {
        requireContinuation(l);
        return resident(programs.nextBlock(l, state.dtype(), state.shape()).runResident(List.of(state)));
    }

    /**
     * {@link #nextBlockResident(int, ResidentTensor)} for the rows {@code rows} of the state alone (in that order), selected
     * in the same program: one engine call where {@link #selectRows} and the block would make two. On a backend without
     * {@link Capability#GATHER} it selects first, then runs the block. The state stays open.
     */
    public ResidentBlockOutput nextBlockResident(int l, ResidentTensor state, int[] rows) {
        requireContinuation(l);
        return onRows(state, rows, () -> programs.nextBlockOfRows(l, state.dtype(), state.shape()), ProgressiveModel::resident,
                selected -> nextBlockResident(l, selected));
    }

    /** {@link #readoutsFrom} from a state in the engine; the readouts come to the host. */
    public List<HostTensor> readoutsFromResident(int l, int k, ResidentTensor state) {
        requireRange(l, k);
        return toHost(programs.readoutsFrom(l, k, state.dtype(), state.shape()).runResident(List.of(state)));
    }

    /**
     * {@link #readoutsFromResident(int, int, ResidentTensor)} for the rows {@code rows} of the state alone, selected in the
     * same program (as {@link #nextBlockResident(int, ResidentTensor, int[])} does). The state stays open.
     */
    public List<HostTensor> readoutsFromResident(int l, int k, ResidentTensor state, int[] rows) {
        requireRange(l, k);
        return onRows(state, rows, () -> programs.readoutsFromRows(l, k, state.dtype(), state.shape()), ProgressiveModel::toHost,
                selected -> readoutsFromResident(l, k, selected));
    }

    /**
     * {@code fused}'s outputs on the state and the rows, read by {@code outputs}; where the backend cannot gather inside a
     * program, {@code selectedFirst} on the rows selected by a call of their own.
     */
    private <T> T onRows(ResidentTensor state, int[] rows, Supplier<CompiledForward> fused, Function<List<ResidentTensor>, T> outputs,
            Function<ResidentTensor, T> selectedFirst) {
        requireRows(state, rows);
        CompiledForward program = null;
        if (selectsInPrograms) {
            try {
                program = fused.get();
            } catch (UnsupportedCapabilityException e) {
                selectsInPrograms = false;
            }
        }
        if (program == null) {
            try (ResidentTensor selected = store.selectRows(state, rows)) {
                return selectedFirst.apply(selected);
            }
        }
        try (ResidentTensor index = store.upload(HostTensor.ofInts(Shape.of(rows.length), rows))) {
            return outputs.apply(program.runResident(List.of(state, index)));
        }
    }

    private static List<HostTensor> toHost(List<ResidentTensor> out) {
        try {
            List<HostTensor> host = new ArrayList<>(out.size());
            for (ResidentTensor t : out) {
                host.add(t.toHost());
            }
            return host;
        } finally {
            out.forEach(ResidentTensor::close);
        }
    }

    /** Rows to select must be at least one and inside the state, checked here since an engine's gather would say less. */
    private static void requireRows(ResidentTensor state, int[] rows) {
        java.util.Objects.requireNonNull(rows, "rows is null");
        int n = state.shape().dim(0);
        if (rows.length == 0) {
            throw new Lpa4jException("No rows were given to continue; give at least one row of the state's " + n + ".");
        }
        for (int row : rows) {
            if (row < 0 || row >= n) {
                throw new Lpa4jException("Row " + row + " is outside the state's " + n + " rows " + state.shape() + ".");
            }
        }
    }

    /** The rows {@code rows} of a state in the engine, selected there where the backend can (see {@link VariableStore#selectRows}). */
    public ResidentTensor selectRows(ResidentTensor state, int[] rows) {
        return store.selectRows(state, rows);
    }

    private static ResidentBlockOutput resident(List<ResidentTensor> out) {
        try (ResidentTensor readout = out.get(1)) {
            return new ResidentBlockOutput(out.get(0), readout.toHost());
        } catch (RuntimeException e) {
            out.get(0).close();
            throw e;
        }
    }

    /**
     * A depth-{@code k} model sharing these weights and this model's compiled programs; closing it leaves this model
     * open, and it cannot run once this model is closed.
     */
    public ProgressiveModel truncate(int k) {
        requireDepth(k);
        return new ProgressiveModel(network, store, k, programs, false);
    }

    /** A host copy of the weights. */
    public ParameterSet parameters() {
        return store.export();
    }

    /** How many programs this model and its truncations have compiled so far (each depth and block at most once). */
    public int compiledPrograms() {
        return programs.size();
    }

    private void requireContinuation(int l) {
        if (l < 2 || l > depth) {
            throw new Lpa4jException("Block " + l + " cannot continue a state: blocks 2.." + depth + " continue from the previous one"
                    + " (block 1 starts from the input through firstBlock).");
        }
    }

    private void requireRange(int l, int k) {
        if (l < 2 || l > k || k > depth) {
            throw new Lpa4jException("Blocks " + l + ".." + k + " cannot continue a state: they must lie in 2.." + depth + ", in order.");
        }
    }

    private void requireDepth(int k) {
        if (k < 1 || k > depth) {
            throw new Lpa4jException("Depth " + k + " is outside 1.." + depth + " of this model.");
        }
    }

    /** Frees the compiled programs and the weights; a truncated model's close leaves its parent's untouched. */
    @Override
    public void close() {
        if (owner) {
            programs.close();
            store.close();
        }
    }
}
