package org.lpa4j.api.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.Tensor;

/**
 * A residual network as a trajectory: {@code h_0 = stem(x)}, {@code h_l = h_{l-1} + block_l(h_{l-1})} for
 * {@code l = 1..depth()}, and one shared {@code head} that reads out every depth, {@code yhat_l = head(h_l)}.
 * Implement the three pieces; the readouts come for free.
 */
public interface ResidualNetwork {

    /** The architecture's registered name (see {@link ArchitectureProvider}), e.g. {@code fnn}; reports print it too. */
    String name();

    /**
     * Every value this network was built from, so that the {@link ArchitectureProvider} registered as {@link #name()}
     * rebuilds exactly this network (what saving a model records). Networks that cannot be saved keep this default.
     */
    default Hyperparameters hyperparameters() {
        throw new Lpa4jException("Network '" + name() + "' (" + getClass().getName() + ") does not describe its"
                + " hyperparameters, so it cannot be saved; implement ResidualNetwork.hyperparameters() and register an"
                + " ArchitectureProvider that rebuilds it.");
    }

    /** The number of residual blocks L. */
    int depth();

    /** The input, with a run-time batch dimension. */
    InputSpec input();

    /** Every parameter: stem, blocks and head. */
    List<ParameterSpec> parameters();

    /** The names of block {@code l}'s parameters (1-based), e.g. for freezing. */
    Set<String> blockParameters(int l);

    /** Lifts the input into the residual width: {@code h_0}. */
    Tensor stem(Ops ops, Parameters params, Tensor x);

    /** The residual branch of block {@code l} (1-based): {@code f_l(h)}, which the network adds to {@code h}. */
    Tensor block(int l, Ops ops, Parameters params, Tensor h);

    /** The shared readout of a state at any depth. */
    Tensor head(Ops ops, Parameters params, Tensor h);

    /**
     * The readout of the state {@code h_l} of depth {@code l}: the shared {@link #head} unless the network reads each
     * depth its own way (a per-depth readout adapter, a per-depth temperature). Every readout of the library goes through it.
     */
    default Tensor head(int l, Ops ops, Parameters params, Tensor h) {
        return head(ops, params, h);
    }

    /**
     * The readouts of the states {@code h_1..h_k} stacked along the batch axis ({@code [k * B, ...]}, as in {@link
     * #stackedReadouts}): by default the shared head run once on them all, which a network with per-depth readouts
     * overrides together with {@link #head(int, Ops, Parameters, Tensor)}.
     */
    default Tensor stackedHead(Ops ops, Parameters params, Tensor stackedStates, int k) {
        return head(ops, params, stackedStates);
    }

    /**
     * The parameters that only depth {@code l}'s readout reads (none by default: the head is shared), so the model cut
     * at depth {@code k} counts its own and not those of the other depths.
     */
    default Set<String> readoutParameters(int l) {
        return Set.of();
    }

    /**
     * The states {@code h_1..h_k}. With {@code layerLocal}, block {@code l >= 2} sees {@code h_{l-1}} through a
     * stop-gradient, so a loss on {@code head(h_l)} trains only block {@code l} and the head (block 1 also trains the stem).
     */
    default List<Tensor> states(Ops ops, Parameters params, Tensor x, int k, boolean layerLocal) {
        return states(ops, params, x, k, layerLocal, null);
    }

    /**
     * {@link #states} with block {@code l}'s residual branch multiplied by {@code gates[l-1]} (a vector {@code [k]}
     * or more; 1 runs the block, 0 skips it, as layer dropout does); {@code gates} null runs every block.
     */
    default List<Tensor> states(Ops ops, Parameters params, Tensor x, int k, boolean layerLocal, Tensor gates) {
        List<Tensor> out = new ArrayList<>(k);
        Tensor h = stem(ops, params, x);
        for (int l = 1; l <= k; l++) {
            Tensor in = layerLocal && l >= 2 ? ops.stopGradient(h) : h;
            Tensor branch = block(l, ops, params, in);
            h = ops.add(in, gates == null ? branch : ops.mul(ops.sum(ops.slice(gates, 0, l - 1, 1), new int[0], false), branch));
            out.add(h);
        }
        return out;
    }

    /** The readouts {@code yhat_1..yhat_k}: the head of each of {@link #states}, with its {@code layerLocal} stop-gradients. */
    default List<Tensor> readouts(Ops ops, Parameters params, Tensor x, int k, boolean layerLocal) {
        List<Tensor> out = new ArrayList<>(k);
        List<Tensor> states = states(ops, params, x, k, layerLocal);
        for (int l = 1; l <= states.size(); l++) {
            out.add(head(l, ops, params, states.get(l - 1)));
        }
        return out;
    }

    /**
     * The readouts {@code yhat_1..yhat_k} stacked along the batch axis, {@code [k * B, ...]}, rows {@code [(l-1)B, lB)}
     * holding {@code yhat_l}: what a loss on every depth at once reads. The head runs once, on the states stacked, which
     * takes a head that reads each example on its own (every built-in head does, and batched prediction already relies
     * on it); a network that overrides {@link #readouts} gets its own readouts stacked instead.
     */
    default Tensor stackedReadouts(Ops ops, Parameters params, Tensor x, int k, boolean layerLocal) {
        boolean ownReadouts = StackedReadouts.overridesReadouts(getClass());
        List<Tensor> parts = ownReadouts ? readouts(ops, params, x, k, layerLocal) : states(ops, params, x, k, layerLocal);
        Tensor stacked = parts.size() == 1 ? parts.get(0) : ops.concat(parts, 0);
        return ownReadouts ? stacked : stackedHead(ops, params, stacked, k);
    }

    /** The readout at depth {@code k} only. */
    default Tensor readout(Ops ops, Parameters params, Tensor x, int k) {
        Tensor h = stem(ops, params, x);
        for (int l = 1; l <= k; l++) {
            h = ops.add(h, block(l, ops, params, h));
        }
        return head(k, ops, params, h);
    }
}
