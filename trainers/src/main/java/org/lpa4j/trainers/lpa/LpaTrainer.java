package org.lpa4j.trainers.lpa;

import java.util.Objects;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.trainers.AbstractProgressiveTrainer;
import org.lpa4j.trainers.DepthObjective;

/**
 * Layer-wise progressive approximation: the loss is {@code sum_l w_l loss(yhat_l, y)} over every depth, in the
 * {@link LpaForm#JOINT joint} or {@link LpaForm#LAYER_LOCAL layer-local} form, so each block is aligned with its
 * residual target and the error falls with depth. {@code new LpaTrainer()} is the measured default, joint with
 * adaptive depth weights (the README's comparison of forms and weightings says why).
 */
public final class LpaTrainer extends AbstractProgressiveTrainer {
    /** The form measured best at the final depth on every surface. */
    public static final LpaForm DEFAULT_FORM = LpaForm.JOINT;
    /** The weighting measured best at the final depth on every surface. */
    public static final DepthWeighting DEFAULT_WEIGHTING = DepthWeighting.ADAPTIVE;

    private final LpaForm form;
    private final DepthWeighting weighting;

    /** The measured default: {@link #DEFAULT_FORM} with {@link #DEFAULT_WEIGHTING}. */
    public LpaTrainer() {
        this(DEFAULT_FORM, DEFAULT_WEIGHTING);
    }

    public LpaTrainer(LpaForm form, DepthWeighting weighting) {
        this.form = Objects.requireNonNull(form, "form is null");
        this.weighting = Objects.requireNonNull(weighting, "weighting is null");
    }

    @Override
    public String name() {
        return "lpa";
    }

    public LpaForm form() {
        return form;
    }

    public DepthWeighting weighting() {
        return weighting;
    }

    @Override
    protected DepthObjective objective(ResidualNetwork network, ResidualTarget target, DType dtype) {
        return new LpaObjective(network, target, dtype, form, weighting);
    }
}
