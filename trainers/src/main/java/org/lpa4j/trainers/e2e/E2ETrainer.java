package org.lpa4j.trainers.e2e;

import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.trainers.AbstractProgressiveTrainer;

/** End-to-end training: the loss is on the deepest readout only. The baseline LPA is compared against. */
public final class E2ETrainer extends AbstractProgressiveTrainer {

    @Override
    public String name() {
        return "e2e";
    }

    @Override
    protected LossFunction loss(ResidualNetwork network, ResidualTarget target) {
        return (ops, p, in) -> target.loss(ops, network.readout(ops, p, in.get(0), network.depth()), in.get(1));
    }
}
