package org.lpa4j.trainers.lpa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.model.ResidualNetwork;
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
 * One LPA run's loss and its state: the depth weights are an input of the compiled step (named
 * {@value #DEPTH_WEIGHTS}), so adaptive weights follow the running mean of each depth's validation loss without
 * recompiling; with layer dropout the blocks' on/off gates are another input ({@value #BLOCK_GATES}), drawn for every
 * step from the run's seed.
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
    private double[] runningLoss;
    private int epochsSeen;

    LpaObjective(ResidualNetwork network, ResidualTarget target, DType dtype, LpaTrainer settings, long seed) {
        this.network = network;
        this.target = target;
        this.dtype = dtype;
        this.settings = settings;
        this.dropout = new SplittableRandom(seed * 1_000_033L + 17);
    }

    @Override
    public Tensor loss(Ops ops, Parameters params, StepInputs in) {
        Tensor x = in.get(AbstractProgressiveTrainer.INPUT);
        boolean layerLocal = settings.form() == LpaForm.LAYER_LOCAL;
        List<Tensor> readouts = settings.layerDropout() > 0 ? gatedReadouts(ops, params, x, layerLocal, in.get(BLOCK_GATES))
                : network.readouts(ops, params, x, network.depth(), layerLocal);
        Tensor weights = in.get(DEPTH_WEIGHTS);
        Tensor y = in.get(AbstractProgressiveTrainer.TARGET);
        Tensor teacher = readouts.get(readouts.size() - 1);
        List<Tensor> terms = new ArrayList<>();
        for (int l = 1; l <= readouts.size(); l++) {
            Tensor term = target.loss(ops, readouts.get(l - 1), y);
            if (settings.distillation() > 0 && l < readouts.size()) {
                term = ops.add(ops.scale(term, 1 - settings.distillation()),
                        ops.scale(target.teacherLoss(ops, readouts.get(l - 1), teacher), settings.distillation()));
            }
            terms.add(ops.mul(scalarAt(ops, weights, l), term));
        }
        Tensor total = sum(ops, terms);
        if (!settings.gradientBalancing()) {
            return total;
        }
        // each weighted term rescaled by sg(w_l mean / term_l): the value stays the weighted mean, the gradients become comparable
        List<Tensor> balanced = new ArrayList<>();
        Tensor mean = ops.stopGradient(total);
        for (int l = 1; l <= terms.size(); l++) {
            Tensor term = terms.get(l - 1);
            Tensor factor = ops.stopGradient(ops.div(ops.mul(scalarAt(ops, weights, l), mean), ops.add(term, ops.scalar(BALANCE_EPSILON, term.dtype()))));
            balanced.add(ops.mul(factor, term));
        }
        return sum(ops, balanced);
    }

    /** The readouts with block l's residual branch multiplied by {@code gates[l-1]} (the same trajectory as the network's own readouts otherwise). */
    private List<Tensor> gatedReadouts(Ops ops, Parameters params, Tensor x, boolean layerLocal, Tensor gates) {
        List<Tensor> out = new ArrayList<>(network.depth());
        Tensor h = network.stem(ops, params, x);
        for (int l = 1; l <= network.depth(); l++) {
            Tensor in = layerLocal && l >= 2 ? ops.stopGradient(h) : h;
            h = ops.add(in, ops.mul(scalarAt(ops, gates, l), network.block(l, ops, params, in)));
            out.add(network.head(ops, params, h));
        }
        return out;
    }

    private static Tensor scalarAt(Ops ops, Tensor vector, int l) {
        return ops.sum(ops.slice(vector, 0, l - 1, 1), new int[0], false);
    }

    private static Tensor sum(Ops ops, List<Tensor> terms) {
        Tensor total = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            total = ops.add(total, terms.get(i));
        }
        return total;
    }

    @Override
    public List<InputSpec> extraInputs() {
        List<InputSpec> inputs = new ArrayList<>(List.of(InputSpec.fixed(DEPTH_WEIGHTS, dtype, network.depth())));
        if (settings.layerDropout() > 0) {
            inputs.add(InputSpec.fixed(BLOCK_GATES, dtype, network.depth()));
        }
        return inputs;
    }

    @Override
    public List<HostTensor> extraValues() {
        HostTensor weights = HostTensor.fromDoubles(dtype, Shape.of(network.depth()), weights());
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
        return gates;
    }

    /** The current depth weights, summing to 1: uniform during the first {@link LpaTrainer#uniformEpochs()} epochs. */
    double[] weights() {
        int depth = network.depth();
        DepthWeighting weighting = epochsSeen < settings.uniformEpochs() ? DepthWeighting.UNIFORM : settings.weighting();
        double[] w = new double[depth];
        for (int l = 1; l <= depth; l++) {
            switch (weighting) {
                case INCREASING:
                    w[l - 1] = l;
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
    public void afterEpoch(double[] validationLossPerDepth) {
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
