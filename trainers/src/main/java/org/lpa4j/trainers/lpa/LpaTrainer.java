package org.lpa4j.trainers.lpa;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.architectures.readout.AdaptedReadouts;
import org.lpa4j.architectures.readout.ReadoutTemperatures;
import org.lpa4j.trainers.AbstractProgressiveTrainer;
import org.lpa4j.trainers.DepthObjective;

/**
 * Layer-wise progressive approximation: the loss is {@code sum_l w_l loss(yhat_l, y)} over every depth, in the
 * {@link LpaForm#JOINT joint} or {@link LpaForm#LAYER_LOCAL layer-local} form, so each block is aligned with its
 * residual target and the error falls with depth. {@code new LpaTrainer()} is the measured default, joint with
 * depth weights {@link DepthWeighting#BY_LOSS by loss}: adaptive for squared error, uniform for cross-entropy (the README's
 * comparison over seeds says why). Options, each off by default and all through the one shared head: {@link
 * #withDistillation self-distillation} (and its {@link #withDistillationTemperature temperature}), {@link
 * #withGradientBalancing gradient balancing}, {@link #withUniformEpochs a uniform start of the depth weights} and {@link
 * #withLayerDropout layer dropout}.
 */
public final class LpaTrainer extends AbstractProgressiveTrainer {
    /** The form measured best at the final depth on every surface. */
    public static final LpaForm DEFAULT_FORM = LpaForm.JOINT;
    /**
     * The weighting measured best over seeds for each loss: adaptive for squared error (the best final depth on every
     * surface), uniform for cross-entropy (better shallow depths and an equal last depth on images and text).
     */
    public static final DepthWeighting DEFAULT_WEIGHTING = DepthWeighting.BY_LOSS;

    private final LpaForm form;
    private final DepthWeighting weighting;
    private final double distillation;
    private final double distillationTemperature;
    private final boolean gradientBalancing;
    private final int uniformEpochs;
    private final double layerDropout;
    private final LpaRefinements refinements;

    /** The measured default: {@link #DEFAULT_FORM} with {@link #DEFAULT_WEIGHTING}. */
    public LpaTrainer() {
        this(DEFAULT_FORM, DEFAULT_WEIGHTING);
    }

    public LpaTrainer(LpaForm form, DepthWeighting weighting) {
        this(form, weighting, 0, 1, false, 0, 0, LpaRefinements.NONE);
    }

    private LpaTrainer(LpaForm form, DepthWeighting weighting, double distillation, double distillationTemperature, boolean gradientBalancing,
                       int uniformEpochs, double layerDropout, LpaRefinements refinements) {
        this.refinements = Objects.requireNonNull(refinements, "refinements is null");
        this.form = Objects.requireNonNull(form, "form is null");
        this.weighting = Objects.requireNonNull(weighting, "weighting is null");
        if (!(distillation >= 0 && distillation < 1)) {
            throw new InvalidSettingException("distillation", "The self-distillation weight must be at least 0 and below 1 (the share of a shallow depth's loss that"
                    + " follows the deepest readout instead of the target), but is " + distillation + ".");
        }
        if (!(distillationTemperature > 0 && Double.isFinite(distillationTemperature))) {
            throw new InvalidSettingException("distillationTemperature", "The self-distillation temperature must be positive and finite (1 compares the readouts as they are;"
                    + " 2-4 soften a classifier's teacher), but is " + distillationTemperature + ".");
        }
        if (uniformEpochs < 0) {
            throw new InvalidSettingException("uniformEpochs", "The number of epochs with uniform depth weights must be 0 or positive, but is " + uniformEpochs + ".");
        }
        if (!(layerDropout >= 0 && layerDropout < 1)) {
            throw new InvalidSettingException("layerDropout", "The layer dropout rate must be at least 0 and below 1 (the chance that the last block is skipped in a"
                    + " training step), but is " + layerDropout + ".");
        }
        this.distillation = distillation;
        this.distillationTemperature = distillationTemperature;
        this.gradientBalancing = gradientBalancing;
        this.uniformEpochs = uniformEpochs;
        this.layerDropout = layerDropout;
    }

    /**
     * Self-distillation: every depth but the last fits {@code (1 - weight) loss(yhat_l, y) + weight loss(yhat_l,
     * sg(yhat_L))}, the deepest readout as a soft teacher through a stop-gradient (its softmax for classification);
     * 0 turns it off.
     */
    public LpaTrainer withDistillation(double weight) {
        return new LpaTrainer(form, weighting, weight, distillationTemperature, gradientBalancing, uniformEpochs, layerDropout, refinements);
    }

    /**
     * The temperature T of self-distillation: student and teacher readouts are divided by T before the teacher loss,
     * which is then multiplied by {@code T^2} (Hinton et al.), so a classifier's teacher passes on its softened class
     * probabilities; for squared error the loss is unchanged. 1 (the default) compares the readouts as they are.
     */
    public LpaTrainer withDistillationTemperature(double temperature) {
        return new LpaTrainer(form, weighting, distillation, temperature, gradientBalancing, uniformEpochs, layerDropout, refinements);
    }

    /**
     * Gradient balancing: in every step each depth's loss is rescaled to the weighted mean of all depths' losses (by a
     * stop-gradient factor), so that no depth's term dominates the shared trunk's gradient because its loss is larger.
     */
    public LpaTrainer withGradientBalancing(boolean on) {
        return new LpaTrainer(form, weighting, distillation, distillationTemperature, on, uniformEpochs, layerDropout, refinements);
    }

    /** A depth-weight schedule: uniform weights for the first {@code epochs} epochs, then this trainer's weighting. */
    public LpaTrainer withUniformEpochs(int epochs) {
        return new LpaTrainer(form, weighting, distillation, distillationTemperature, gradientBalancing, epochs, layerDropout, refinements);
    }

    /**
     * Layer dropout: in each training step block {@code l} is skipped (its residual branch multiplied by 0) with
     * probability {@code rate (l - 1) / (L - 1)}: never the first block, {@code rate} for the last; inference runs every block.
     */
    public LpaTrainer withLayerDropout(double rate) {
        return new LpaTrainer(form, weighting, distillation, distillationTemperature, gradientBalancing, uniformEpochs, rate, refinements);
    }

    /**
     * Label smoothing: a classifier's every depth fits {@code (1 - eps) loss(yhat_l, y) + eps loss(yhat_l, uniform)};
     * 0 turns it off; refused for squared error when training starts.
     */
    public LpaTrainer withLabelSmoothing(double eps) {
        return with(refinements.withLabelSmoothing(eps));
    }

    /** An L2 penalty {@code decay / 2 * sum ||W||^2} on every weight matrix and kernel (parameters of rank 2 or more); 0 turns it off. */
    public LpaTrainer withWeightDecay(double decay) {
        return with(refinements.withWeightDecay(decay));
    }

    /**
     * Self-distillation aimed at the shallow depths: only depths {@code 1..depths} mix in the teacher (0, the default,
     * means every depth but the last).
     */
    public LpaTrainer withDistillationDepths(int depths) {
        return with(refinements.withDistillationDepths(depths));
    }

    /**
     * Where the teacher's pull of self-distillation reaches: {@link DistillationReach#ALL every parameter} (the
     * default), {@link DistillationReach#HEAD the head only} (the students' states through a stop-gradient) or {@link
     * DistillationReach#TRUNK the trunk only} (the head through a stop-gradient).
     */
    public LpaTrainer withDistillationReach(DistillationReach reach) {
        return with(refinements.withDistillationReach(reach));
    }

    /**
     * A per-depth readout adapter: depth l's state passes its own scale and shift per channel ({@link AdaptedReadouts})
     * before the one shared head, so each depth is read on its own scale; the trained model keeps it.
     */
    public LpaTrainer withReadoutAdapter(boolean on) {
        return with(refinements.withReadoutAdapter(on));
    }

    /**
     * The rank of a map over the channels that the readout adapter adds for each depth, {@code (h A_l) B_l} beside its
     * scale and shift (0, the default: scale and shift only); it needs {@link #withReadoutAdapter the adapter}.
     */
    public LpaTrainer withReadoutRank(int rank) {
        return with(refinements.withReadoutRank(rank));
    }

    /**
     * A depth-weight schedule for the shallow depths: during the first {@code epochs} epochs the depth weights decrease
     * with depth ({@link DepthWeighting#DECREASING}, depth 1 the most), so the trunk's first blocks are shaped for depth 1
     * early; then {@link #withUniformEpochs uniform} epochs if any, then the weighting. 0, the default, is no such phase.
     */
    public LpaTrainer withShallowFirstEpochs(int epochs) {
        return with(refinements.withShallowFirstEpochs(epochs));
    }

    /**
     * A per-depth pooling in the readout adapter: each depth weighs the positions of an image state's grid with weights
     * of its own (the plain average at initialisation) before a head that averages them; it needs {@link
     * #withReadoutAdapter the adapter} and an image network.
     */
    public LpaTrainer withReadoutPooling(boolean on) {
        return with(refinements.withReadoutPooling(on));
    }

    /**
     * Per-depth temperatures for a classifier: after training, each depth's logits are divided by the temperature that
     * minimises its cross-entropy on the validation split ({@link ReadoutTemperatures}); predictions are unchanged, their
     * confidence follows the data. The trained model keeps them.
     */
    public LpaTrainer withTemperatureCalibration(boolean on) {
        return with(refinements.withTemperatureCalibration(on));
    }

    /** This trainer with {@code other} refinements and every other setting as it is. */
    private LpaTrainer with(LpaRefinements other) {
        return new LpaTrainer(form, weighting, distillation, distillationTemperature, gradientBalancing, uniformEpochs, layerDropout, other);
    }

    /** Label smoothing, weight decay, the aim of distillation, the readout adapter and temperatures, as set. */
    public LpaRefinements refinements() {
        return refinements;
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

    /** The self-distillation weight, 0 when off. */
    public double distillation() {
        return distillation;
    }

    /** The self-distillation temperature, 1 unless set. */
    public double distillationTemperature() {
        return distillationTemperature;
    }

    public boolean gradientBalancing() {
        return gradientBalancing;
    }

    /** The epochs of uniform depth weights before {@link #weighting()} takes over, 0 when none. */
    public int uniformEpochs() {
        return uniformEpochs;
    }

    /** The layer dropout rate of the last block, 0 when off. */
    public double layerDropout() {
        return layerDropout;
    }

    /** Every option's value (off ones included), by the name of its {@code with...} method without the prefix. */
    @Override
    public Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("distillation", distillation);
        options.put("distillationTemperature", distillationTemperature);
        options.put("gradientBalancing", gradientBalancing);
        options.put("uniformEpochs", uniformEpochs);
        options.put("layerDropout", layerDropout);
        options.putAll(refinements.options());
        return options;
    }

    /** The form and the depth weighting as it resolves for {@code data}'s loss (BY_LOSS: ADAPTIVE or UNIFORM), then {@link #options()}. */
    @Override
    public Map<String, Object> recordedOptions(DataSplits data) {
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("form", form.name());
        recorded.put("weighting", weighting.resolve(ResidualTarget.of(data.train())).name());
        recorded.putAll(options());
        return recorded;
    }

    /** The form and weighting beside {@link #options()}. */
    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("form", form);
        settings.put("weighting", weighting);
        settings.putAll(options());
        return settings;
    }

    @Override
    protected ResidualNetwork trained(ResidualNetwork network) {
        if (refinements.readoutRank() > 0 && !refinements.readoutAdapter()) {
            throw new InvalidSettingException("readoutRank", "A readout rank of " + refinements.readoutRank()
                    + " is a map the per-depth readout adapter adds; turn the adapter on as well, or leave the rank at 0.");
        }
        if (refinements.readoutPooling() && !refinements.readoutAdapter()) {
            throw new InvalidSettingException("readoutPooling", "A per-depth pooling is part of the per-depth readout adapter; turn the"
                    + " adapter on as well, or leave the pooling off.");
        }
        return refinements.readoutAdapter() ? AdaptedReadouts.withAdapter(network, refinements.readoutRank(), refinements.readoutPooling()) : network;
    }

    @Override
    protected ResidualNetwork served(ResidualNetwork trained, List<HostTensor> validationReadouts, HostTensor validationTargets) {
        if (!refinements.temperatureCalibration() || validationTargets.dtype().isFloating() || validationTargets.size() == 0) {
            return trained;
        }
        return AdaptedReadouts.withTemperatures(trained, ReadoutTemperatures.fit(validationReadouts, validationTargets));
    }

    @Override
    protected DepthObjective objective(ResidualNetwork network, ResidualTarget target, DType dtype) {
        return objective(network, target, dtype, TrainingConfig.defaults());
    }

    @Override
    protected DepthObjective objective(ResidualNetwork network, ResidualTarget target, DType dtype, TrainingConfig config) {
        return new LpaObjective(network, target, dtype, this, config.seed());
    }
}
