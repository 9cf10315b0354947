package org.lpa4j.architectures.readout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.ArchitectureProvider;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.model.StateShape;

/**
 * Rebuilds a saved {@link AdaptedReadouts}: the wrapped network from its own hyperparameters (kept under {@value
 * #INNER_PREFIX}), then its adapter and temperatures. It builds no fresh network: a trainer adds the adapter. Its name sorts after every built-in architecture so that lists of them read as before.
 */
public final class AdaptedReadoutsProvider implements ArchitectureProvider {
    /** The prefix of the wrapped network's hyperparameters. */
    static final String INNER_PREFIX = "inner.";

    @Override
    public String name() {
        return AdaptedReadouts.NAME;
    }

    @Override
    public String incompatibility(TaskShape shape) {
        return "it wraps the network of another architecture: LPA's per-depth readout adapter and temperatures add it to the network trained";
    }

    @Override
    public ResidualNetwork create(TaskShape shape, ArchitectureOptions options) {
        throw new Lpa4jException("Architecture '" + AdaptedReadouts.NAME + "' " + incompatibility(shape) + "; choose another architecture.");
    }

    @Override
    public ResidualNetwork rebuild(Hyperparameters hyperparameters) {
        Map<String, Object> inner = new LinkedHashMap<>();
        hyperparameters.asMap().forEach((k, v) -> {
            if (k.startsWith(INNER_PREFIX)) {
                inner.put(k.substring(INNER_PREFIX.length()), v);
            }
        });
        ResidualNetwork network = Architectures.discover().rebuild(hyperparameters.getString("inner"), Hyperparameters.of(inner));
        List<?> temperatures = hyperparameters.getList("temperatures");
        double[] t = temperatures.isEmpty() ? null : temperatures.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        // A model saved before the low-rank map, the pooling and the channel axis were recorded has no "rank" (scale and
        // shift only), no pooling of its own, and read its state's last axis.
        int rank = hyperparameters.asMap().containsKey("rank") ? hyperparameters.getInt("rank") : 0;
        boolean pooling = hyperparameters.asMap().containsKey("pooling") && hyperparameters.getBoolean("pooling");
        int axis = hyperparameters.asMap().containsKey("axis") ? hyperparameters.getInt("axis") : StateShape.of(network).length - 1;
        AdaptedReadouts adapted = hyperparameters.getBoolean("affine") ? AdaptedReadouts.withAdapter(network, rank, pooling, axis) : null;
        if (t == null) {
            if (adapted == null) {
                throw new Lpa4jException("The hyperparameters of an adapted-readouts network name neither an adapter nor temperatures.");
            }
            return adapted;
        }
        return AdaptedReadouts.withTemperatures(adapted == null ? network : adapted, t);
    }
}
