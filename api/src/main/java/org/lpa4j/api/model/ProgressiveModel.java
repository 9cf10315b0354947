package org.lpa4j.api.model;

import java.util.List;
import java.util.Objects;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.HostTensor;

/**
 * A trained residual network: one set of weights, a model at every depth. {@link #predict} reads out any depth,
 * {@link #predictAll} every depth in one pass, and {@link #truncate} gives a depth-k model sharing the weights.
 */
public final class ProgressiveModel implements AutoCloseable {
    private final ResidualNetwork network;
    private final VariableStore store;
    private final int depth;
    private final boolean ownsStore;
    private CompiledForward all;
    private CompiledForward last;

    /** Wraps a store holding {@code network}'s parameters; the model closes the store when closed. */
    public ProgressiveModel(ResidualNetwork network, VariableStore store) {
        this(network, store, network.depth(), true);
    }

    private ProgressiveModel(ResidualNetwork network, VariableStore store, int depth, boolean ownsStore) {
        this.network = Objects.requireNonNull(network, "network is null");
        this.store = Objects.requireNonNull(store, "store is null");
        this.depth = depth;
        this.ownsStore = ownsStore;
    }

    public ResidualNetwork network() {
        return network;
    }

    /** The deepest readout this model offers. */
    public int depth() {
        return depth;
    }

    /** The prediction of the depth-{@code k} readout, {@code 1 <= k <= depth()}. */
    public HostTensor predict(HostTensor x, int k) {
        requireDepth(k);
        if (k == depth) {
            if (last == null) {
                last = store.compileForward(List.of(network.input()), (ops, p, in) -> List.of(network.readout(ops, p, in.get(0), depth)));
            }
            return RowBatches.run(last, x).get(0);
        }
        return predictAll(x).get(k - 1);
    }

    /** The predictions of every depth 1..depth(), computed in one pass per slice of {@link RowBatches#DEFAULT_ROWS} examples. */
    public List<HostTensor> predictAll(HostTensor x) {
        if (all == null) {
            all = store.compileForward(List.of(network.input()), (ops, p, in) -> network.readouts(ops, p, in.get(0), depth, false));
        }
        return RowBatches.run(all, x);
    }

    /** A depth-{@code k} model sharing these weights; closing it leaves this model open. */
    public ProgressiveModel truncate(int k) {
        requireDepth(k);
        return new ProgressiveModel(network, store, k, false);
    }

    /** A host copy of the weights. */
    public ParameterSet parameters() {
        return store.export();
    }

    private void requireDepth(int k) {
        if (k < 1 || k > depth) {
            throw new Lpa4jException("Depth " + k + " is outside 1.." + depth + " of this model.");
        }
    }

    @Override
    public void close() {
        if (all != null) {
            all.close();
        }
        if (last != null) {
            last.close();
        }
        if (ownsStore) {
            store.close();
        }
    }
}
