package org.lpa4j.trainers.e2e;

import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.trainers.AbstractProgressiveTrainer;
import org.lpa4j.trainers.DepthObjective;

/** End-to-end training: the loss is on the deepest readout only. The baseline LPA is compared against. */
public final class E2ETrainer extends AbstractProgressiveTrainer {

    @Override
    public String name() {
        return "e2e";
    }

    @Override
    protected DepthObjective objective(ResidualNetwork network, ResidualTarget target, DType dtype) {
        return (ops, p, in) -> target.loss(ops, network.readout(ops, p, in.get(INPUT), network.depth()), in.get(TARGET));
    }
}
