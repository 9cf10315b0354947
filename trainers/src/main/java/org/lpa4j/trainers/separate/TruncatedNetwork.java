package org.lpa4j.trainers.separate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.Tensor;

/**
 * A residual network cut after its first {@code depth} blocks: the same stem, blocks 1..depth and head, without the
 * deeper blocks' parameters. It describes itself as its architecture with {@code depth} set to the cut, so its trained
 * model saves and loads like one built at that depth.
 */
final class TruncatedNetwork implements ResidualNetwork {
    private static final String DEPTH = "depth";
    private final ResidualNetwork full;
    private final int depth;
    private final List<ParameterSpec> parameters;

    TruncatedNetwork(ResidualNetwork full, int depth) {
        if (depth < 1 || depth > full.depth()) {
            throw new Lpa4jException("Cannot cut network '" + full.name() + "' of depth " + full.depth() + " after " + depth
                    + " blocks; choose a depth between 1 and " + full.depth() + ".");
        }
        this.full = full;
        this.depth = depth;
        List<ParameterSpec> kept = new ArrayList<>(full.parameters());
        for (int l = depth + 1; l <= full.depth(); l++) {
            Set<String> deeper = full.blockParameters(l);
            kept.removeIf(p -> deeper.contains(p.name()));
        }
        this.parameters = List.copyOf(kept);
    }

    @Override
    public String name() {
        return full.name();
    }

    @Override
    public Hyperparameters hyperparameters() {
        Map<String, Object> values = new LinkedHashMap<>(full.hyperparameters().asMap());
        if (!values.containsKey(DEPTH)) {
            throw new Lpa4jException("Network '" + full.name() + "' does not record its depth among its hyperparameters, so a copy cut"
                    + " to " + depth + " blocks cannot describe itself for saving; record it as '" + DEPTH + "'.");
        }
        values.put(DEPTH, (long) depth);
        return Hyperparameters.of(values);
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public InputSpec input() {
        return full.input();
    }

    @Override
    public List<ParameterSpec> parameters() {
        return parameters;
    }

    @Override
    public Set<String> blockParameters(int l) {
        return full.blockParameters(l);
    }

    @Override
    public Tensor stem(Ops ops, Parameters params, Tensor x) {
        return full.stem(ops, params, x);
    }

    @Override
    public Tensor block(int l, Ops ops, Parameters params, Tensor h) {
        return full.block(l, ops, params, h);
    }

    @Override
    public Tensor head(Ops ops, Parameters params, Tensor h) {
        return full.head(ops, params, h);
    }
}
