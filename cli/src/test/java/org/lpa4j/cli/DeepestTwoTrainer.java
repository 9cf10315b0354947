package org.lpa4j.cli;

import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.api.training.TrainerOptions;
import org.lpa4j.api.training.TrainerProvider;
import org.lpa4j.trainers.AbstractProgressiveTrainer;
import org.lpa4j.trainers.DepthObjective;

/** A user's trainer, registered only in this module's test service file: the loss of the two deepest readouts, summed. */
public final class DeepestTwoTrainer extends AbstractProgressiveTrainer {
    static final String NAME = "deepest-two";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected DepthObjective objective(ResidualNetwork network, ResidualTarget target, DType dtype) {
        int last = network.depth();
        return (ops, p, in) -> ops.add(target.loss(ops, network.readout(ops, p, in.get(INPUT), last), in.get(TARGET)),
                target.loss(ops, network.readout(ops, p, in.get(INPUT), Math.max(1, last - 1)), in.get(TARGET)));
    }

    /** Its provider; it takes no options. */
    public static final class Provider implements TrainerProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public ProgressiveTrainer create(TrainerOptions options) {
            options.requireOnly(NAME);
            return new DeepestTwoTrainer();
        }
    }
}
