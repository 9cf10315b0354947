package org.lpa4j.experiments;

import java.util.Map;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.api.training.TrainerOptions;
import org.lpa4j.api.training.TrainerProvider;
import org.lpa4j.trainers.AbstractProgressiveTrainer;
import org.lpa4j.trainers.DepthObjective;

/** A trainer of a user's own, registered only in this module's test service file: the loss of the last two depths, weighted. */
public final class LastTwoDepthsTrainer extends AbstractProgressiveTrainer {
    private final double weight;

    LastTwoDepthsTrainer(double weight) {
        this.weight = weight;
    }

    @Override
    public String name() {
        return "last-two";
    }

    @Override
    public Map<String, Object> options() {
        return Map.of("weight", weight);
    }

    @Override
    protected DepthObjective objective(ResidualNetwork network, ResidualTarget target, DType dtype) {
        int last = network.depth();
        return (ops, p, in) -> ops.add(target.loss(ops, network.readout(ops, p, in.get(INPUT), last), in.get(TARGET)),
                ops.scale(target.loss(ops, network.readout(ops, p, in.get(INPUT), Math.max(1, last - 1)), in.get(TARGET)), weight));
    }

    /** Its provider: option {@code weight} (default 0.5), the share of the second-deepest readout's loss. */
    public static final class Provider implements TrainerProvider {
        @Override
        public String name() {
            return "last-two";
        }

        @Override
        public ProgressiveTrainer create(TrainerOptions options) {
            options.requireOnly(name(), "weight");
            return new LastTwoDepthsTrainer(options.getDouble("weight", 0.5));
        }
    }
}
