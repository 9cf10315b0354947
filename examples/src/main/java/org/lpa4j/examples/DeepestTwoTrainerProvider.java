package org.lpa4j.examples;

import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.api.training.TrainerOptions;
import org.lpa4j.api.training.TrainerProvider;
import org.lpa4j.trainers.AbstractProgressiveTrainer;
import org.lpa4j.trainers.DepthObjective;

/**
 * A trainer of one's own, {@code deepest-two}: the loss of the deepest readout plus {@code weight} times the loss of the
 * one before it. The training loop (batches, optimizer, early stopping, listeners) is lpa4j's; the trainer only says what
 * to minimise. Registered in {@code META-INF/services/org.lpa4j.api.training.TrainerProvider}.
 */
public final class DeepestTwoTrainerProvider implements TrainerProvider {
    static final String NAME = "deepest-two";

    @Override
    public String name() {
        return NAME;
    }

    /** Option {@code weight} (default 1): the share of the second-deepest readout's loss. */
    @Override
    public ProgressiveTrainer create(TrainerOptions options) {
        options.requireOnly(NAME, "weight");
        return new DeepestTwo(options.getDouble("weight", 1));
    }

    private static final class DeepestTwo extends AbstractProgressiveTrainer {
        private final double weight;

        DeepestTwo(double weight) {
            this.weight = weight;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public java.util.Map<String, Object> options() {
            return java.util.Map.of("weight", weight);
        }

        @Override
        protected DepthObjective objective(ResidualNetwork network, ResidualTarget target, DType dtype) {
            int last = network.depth();
            return (ops, p, in) -> ops.add(target.loss(ops, network.readout(ops, p, in.get(INPUT), last), in.get(TARGET)),
                    ops.scale(target.loss(ops, network.readout(ops, p, in.get(INPUT), Math.max(1, last - 1)), in.get(TARGET)), weight));
        }
    }
}
