package org.lpa4j.trainers.lpa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.model.StackedReadouts;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.trainers.AbstractProgressiveTrainer;
import org.lpa4j.trainers.DepthObjective;
import org.lpa4j.trainers.StepInputs;

/**
 * One LPA run's loss and its state: the depth weights are an input of the compiled step (named {@value #DEPTH_WEIGHTS},
 * shaped {@code [k]}, or {@code [k, 1, ...]} and times k for squared error), so adaptive weights follow the running mean
 * of each depth's validation loss without recompiling; with layer dropout the blocks' on/off gates are another input
 * ({@value #BLOCK_GATES}), drawn for every step from the run's seed.
 */
final class LpaObjective implements DepthObjective {
    /** The name of the step input that holds the depth weights. */
    static final String DEPTH_WEIGHTS = "depthWeights";
    /** The name of the step input that holds the blocks' gates (1 runs the block, 0 skips it) under layer dropout. */
    static final String BLOCK_GATES = "blockGates";
    /** Smoothing of the adaptive weights' running mean: {@code m = (1 - RATE) m + RATE loss}. */
    private static final double RUNNING_MEAN_RATE = 0.3;
    /** Keeps gradient balancing finite when a depth's loss is exactly 0. */
    private static final double BALANCE_EPSILON = 1e-12;

    private final ResidualNetwork network;
    private final ResidualTarget target;
    private final DType dtype;
    private final LpaTrainer settings;
    private final SplittableRandom dropout;
    /**
     * Whether the loss is squared error with no refinement that reads each depth's loss: then {@code sum_l w_l
     * mean((yhat_l - y)^2)} is computed as one mean over every depth's squared errors, each times {@code k w_l} (the
     * weights input {@code [k, 1, ...]}, broadcast over the batch): the same number to rounding, with E2E's three loss
     * ops and one product beside the view by depth, where a mean per depth, a product and a sum were, and fewer
     * gradient ops (docs/speed.md counts them per engine).
     */
    private final boolean meanOfWeighted;
    /**
     * The rank of the weights input: 1 ({@code [k]}), or with {@link #meanOfWeighted} the targets' rank plus one once
     * {@link #extraInputs(InputSpec)} has seen the targets.
     */
    private int weightsRank = 1;
    /** The weights input's value, made once per epoch (the weights change only when an epoch ends or a run resumes). */
    private HostTensor weightsValue;
    private double[] runningLoss;
    private int epochsSeen;
    private long gateDraws;

    LpaObjective(ResidualNetwork network, ResidualTarget target, DType dtype, LpaTrainer settings, long seed) {
        this.network = network;
        this.target = target;
        this.dtype = dtype;
        this.settings = settings;
        this.dropout = new SplittableRandom(seed * 1_000_033L + 17);
        this.meanOfWeighted = target.name().equals(ResidualTarget.meanSquaredError().name())
                && !(settings.distillation() > 0 && network.depth() > 1) && !settings.gradientBalancing();
        if (settings.layerDropout() > 0 && StackedReadouts.overridesReadouts(network.getClass())) {
            throw new Lpa4jException("Layer dropout gates the residual branch of each block between the network's states, but the "
                    + network.name() + " network computes its readouts its own way (not as its head on its states); train it without"
                    + " layer dropout.");
        }
        if (settings.distillation() > 0 && settings.refinements().distillationReach() != DistillationReach.ALL
                && StackedReadouts.overridesReadouts(network.getClass())) {
            throw new Lpa4jException("Distillation aimed at the head or the trunk reads the head on the network's states, but the "
                    + network.name() + " network computes its readouts its own way; train it with the distillation reaching every parameter.");
        }
        if (settings.refinements().labelSmoothing() > 0 && !target.name().equals("cross-entropy")) {
            throw new Lpa4jException("Label smoothing moves part of a classifier's target to the uniform distribution over its classes, but this"
                    + " task's loss is " + target.name() + "; train it without label smoothing.");
        }
    }

    @Override
    public Tensor loss(Ops ops, Parameters params, StepInputs in) {
        Tensor x = in.get(AbstractProgressiveTrainer.INPUT);
        boolean layerLocal = settings.form() == LpaForm.LAYER_LOCAL;
        int depth = network.depth();
        // Every depth's readout in one stacked tensor (the head runs once), every depth's loss in one vector, one weighted
        // sum: a few ops whatever the depth, where a head, a loss, a weight and a sum per depth made LPA's step several
        // times the ops of E2E's on small networks.
        LpaRefinements refinements = settings.refinements();
        boolean aimed = settings.distillation() > 0 && depth > 1 && refinements.distillationReach() != DistillationReach.ALL;
        List<Tensor> states = aimed || settings.layerDropout() > 0
                ? network.states(ops, params, x, depth, layerLocal, settings.layerDropout() > 0 ? in.get(BLOCK_GATES) : null) : null;
        Tensor stackedStates = states == null ? null : states.size() == 1 ? states.get(0) : ops.concat(states, 0);
        Tensor stacked = states != null ? network.stackedHead(ops, params, stackedStates, depth) : network.stackedReadouts(ops, params, x, depth, layerLocal);
        Tensor y = in.get(AbstractProgressiveTrainer.TARGET);
        if (meanOfWeighted) {
            Tensor squares = ops.square(ops.sub(StackedReadouts.byDepth(ops, stacked, depth), y));
            Tensor weights = in.get(DEPTH_WEIGHTS);
            if (weights.shape().rank() != squares.shape().rank()) {
                // Declared without the targets' shape: [k] as [k, 1, ...], so that each depth's errors get its weight.
                int[] byDepth = new int[squares.shape().rank()];
                Arrays.fill(byDepth, 1);
                byDepth[0] = depth;
                weights = ops.reshape(weights, Shape.of(byDepth));
            }
            Tensor total = ops.mean(ops.mul(squares, weights), new int[0], false);
            return refinements.weightDecay() > 0 ? ops.add(total, weightPenalty(ops, params, refinements.weightDecay())) : total;
        }
        Tensor losses = target.depthLosses(ops, stacked, depth, y);
        if (refinements.labelSmoothing() > 0) {
            // The uniform distribution as the teacher: the softmax of all-zero logits.
            Tensor uniform = ops.mul(StackedReadouts.depth(ops, stacked, depth, 1), ops.scalar(0, stacked.dtype()));
            Tensor eps = ops.scalar(refinements.labelSmoothing(), losses.dtype());
            losses = ops.add(losses, ops.mul(eps, ops.sub(target.depthTeacherLosses(ops, stacked, depth, uniform), losses)));
        }
        if (settings.distillation() > 0 && depth > 1) {
            // Depths 1..n (n < L) mix in the deepest readout as a soft target; the deeper ones keep their own loss only.
            Tensor students = !aimed ? stacked : refinements.distillationReach() == DistillationReach.HEAD
                    ? network.stackedHead(ops, params, ops.stopGradient(stackedStates), depth)
                    : network.stackedHead(ops, frozen(ops, params), stackedStates, depth);
            Tensor teacherLosses = target.depthTeacherLosses(ops, students, depth, StackedReadouts.depth(ops, stacked, depth, depth),
                    settings.distillationTemperature());
            double[] share = new double[depth];
            Arrays.fill(share, 0, refinements.distilledDepths(depth), settings.distillation());
            Tensor mix = ops.constant(HostTensor.fromDoubles(losses.dtype(), Shape.of(depth), share));
            losses = ops.add(losses, ops.mul(mix, ops.sub(teacherLosses, losses)));
        }
        Tensor terms = ops.mul(in.get(DEPTH_WEIGHTS), losses);
        Tensor total = ops.sum(terms, new int[0], false);
        if (settings.gradientBalancing()) {
            // Each weighted term rescaled by sg(w_l mean / term_l): the value stays the weighted mean, the gradients become comparable.
            Tensor factor = ops.stopGradient(ops.div(ops.mul(in.get(DEPTH_WEIGHTS), total),
                    ops.add(terms, ops.scalar(BALANCE_EPSILON, terms.dtype()))));
            total = ops.sum(ops.mul(factor, terms), new int[0], false);
        }
        return refinements.weightDecay() > 0 ? ops.add(total, weightPenalty(ops, params, refinements.weightDecay())) : total;
    }

    /** {@code params} with every value through a stop-gradient: what the head reads when the teacher must not move it. */
    private static Parameters frozen(Ops ops, Parameters params) {
        return new Parameters() {
            @Override
            public Tensor get(String name) {
                return ops.stopGradient(params.get(name));
            }

            @Override
            public Set<String> names() {
                return params.names();
            }
        };
    }

    /** {@code decay / 2} times the sum of squares of every parameter of rank 2 or more (weight matrices and kernels, not biases or scales). */
    private static Tensor weightPenalty(Ops ops, Parameters params, double decay) {
        Tensor sum = null;
        for (String name : new TreeSet<>(params.names())) {
            Tensor p = params.get(name);
            if (p.shape().rank() >= 2) {
                Tensor squares = ops.sum(ops.mul(p, p), new int[0], false);
                sum = sum == null ? squares : ops.add(sum, squares);
            }
        }
        return sum == null ? ops.scalar(0, DType.FLOAT32) : ops.mul(ops.scalar(decay / 2, sum.dtype()), sum);
    }

    @Override
    public List<InputSpec> extraInputs() {
        int[] weights = new int[weightsRank];
        Arrays.fill(weights, 1);
        weights[0] = network.depth();
        List<InputSpec> inputs = new ArrayList<>(List.of(InputSpec.fixed(DEPTH_WEIGHTS, dtype, weights)));
        if (settings.layerDropout() > 0) {
            inputs.add(InputSpec.fixed(BLOCK_GATES, dtype, network.depth()));
        }
        return inputs;
    }

    /** With {@link #meanOfWeighted}, the weights input broadcasts against the targets' shape. */
    @Override
    public List<InputSpec> extraInputs(InputSpec targets) {
        weightsRank = meanOfWeighted ? targets.shape().rank() + 1 : 1;
        weightsValue = null;
        return extraInputs();
    }

    @Override
    public List<HostTensor> extraValues() {
        if (weightsValue == null) {
            double[] w = weights();
            if (meanOfWeighted) {
                for (int l = 0; l < w.length; l++) {
                    w[l] *= w.length;
                }
            }
            weightsValue = HostTensor.fromDoubles(dtype, extraInputs().get(0).shape(), w);
        }
        HostTensor weights = weightsValue;
        return settings.layerDropout() > 0 ? List.of(weights, HostTensor.fromDoubles(dtype, Shape.of(network.depth()), gates())) : List.of(weights);
    }

    /** One step's block gates: block l is skipped with probability {@code rate (l - 1) / (L - 1)}. */
    double[] gates() {
        int depth = network.depth();
        double[] gates = new double[depth];
        for (int l = 1; l <= depth; l++) {
            double skip = depth == 1 ? 0 : settings.layerDropout() * (l - 1) / (depth - 1);
            gates[l - 1] = dropout.nextDouble() < skip ? 0 : 1;
        }
        gateDraws += depth;
        return gates;
    }

    /**
     * The current depth weights, summing to 1: decreasing during the first {@link LpaRefinements#shallowFirstEpochs()}
     * epochs, then uniform during the first {@link LpaTrainer#uniformEpochs()} epochs, then the trainer's weighting as it
     * {@link DepthWeighting#resolve resolves} for this loss.
     */
    double[] weights() {
        int depth = network.depth();
        DepthWeighting weighting = epochsSeen < settings.refinements().shallowFirstEpochs() ? DepthWeighting.DECREASING
                : epochsSeen < settings.uniformEpochs() ? DepthWeighting.UNIFORM : settings.weighting().resolve(target);
        double[] w = new double[depth];
        for (int l = 1; l <= depth; l++) {
            switch (weighting) {
                case INCREASING:
                    w[l - 1] = l;
                    break;
                case DECREASING:
                    w[l - 1] = depth + 1 - l;
                    break;
                case ADAPTIVE:
                    w[l - 1] = runningLoss == null ? 1 : 1.0 / Math.max(runningLoss[l - 1], 1e-12);
                    break;
                default:
                    w[l - 1] = 1;
            }
        }
        double sum = Arrays.stream(w).sum();
        for (int i = 0; i < depth; i++) {
            w[i] /= sum;
        }
        return w;
    }

    @Override
    public Map<String, double[]> state() {
        Map<String, double[]> state = new LinkedHashMap<>();
        state.put("epochsSeen", new double[] {epochsSeen});
        state.put("gateDraws", new double[] {gateDraws});
        if (runningLoss != null) {
            state.put("runningLoss", runningLoss.clone());
        }
        return state;
    }

    /** Continues from {@link #state}: the running losses, the epochs seen, and the layer-dropout generator advanced past its draws. */
    @Override
    public void restore(Map<String, double[]> state) {
        weightsValue = null;
        epochsSeen = (int) state.get("epochsSeen")[0];
        runningLoss = state.containsKey("runningLoss") ? state.get("runningLoss").clone() : null;
        long draws = (long) state.get("gateDraws")[0];
        for (long i = gateDraws; i < draws; i++) {
            dropout.nextDouble();
        }
        gateDraws = Math.max(gateDraws, draws);
    }

    @Override
    public void afterEpoch(double[] validationLossPerDepth) {
        weightsValue = null;
        epochsSeen++;
        if (runningLoss == null) {
            runningLoss = validationLossPerDepth.clone();
        } else {
            for (int i = 0; i < runningLoss.length; i++) {
                runningLoss[i] = (1 - RUNNING_MEAN_RATE) * runningLoss[i] + RUNNING_MEAN_RATE * validationLossPerDepth[i];
            }
        }
    }
}
