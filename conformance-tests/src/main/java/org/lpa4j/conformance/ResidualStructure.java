package org.lpa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.CompiledGradient;
import org.lpa4j.api.compile.GradientResult;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.conformance.reference.Fixtures;

/**
 * The structure every {@link ResidualNetwork} must have, checked in milliseconds on freshly initialised weights: its
 * readouts are the trajectory {@code h_0 = stem(x)}, {@code h_l = h_{l-1} + block_l(h_{l-1})}, {@code yhat_l = head(h_l)}
 * (so the blocks are residual and readout {@code l} reads {@code h_l}, not {@code h_{l-1}}), and readout {@code l}
 * depends on the parameters of blocks {@code 1..l} and on none of block {@code l+1..L}. An off-by-one readout or a
 * network without its residual connections fails here before any training.
 */
public final class ResidualStructure {
    /** Readouts and the explicit trajectory may differ by FLOAT32 round-off of a differently ordered computation. */
    public static final double RELATIVE = 1e-5;
    /** The same near zero. */
    public static final double ABSOLUTE = 1e-5;
    /** The batch the checks run on. */
    private static final int BATCH = 3;

    private ResidualStructure() {
    }

    /** Asserts the structure of {@code network} on {@code backend}, with weights initialised from {@code seed}. */
    public static void check(Backend backend, ResidualNetwork network, long seed) {
        int depth = network.depth();
        assertTrue(depth >= 2, () -> network.name() + ": the structure check needs at least two blocks, got " + depth);
        InputSpec spec = network.input();
        DType dtype = spec.dtype().isFloating() ? spec.dtype() : DType.FLOAT32;
        HostTensor x = sampleInput(spec, seed);
        try (VariableStore store = backend.createVariables(ParameterSet.initialize(network.parameters(), seed, dtype))) {
            readoutsFollowTheTrajectory(network, store, x);
            readoutsDependOnExactlyTheirBlocks(network, store, x);
        }
    }

    private static HostTensor sampleInput(InputSpec spec, long seed) {
        Shape shape = spec.shape().withDim(0, BATCH);
        if (spec.dtype() == DType.INT32) {
            // Token ids 0 and 1 exist in every vocabulary.
            return HostTensor.ofInts(shape, Fixtures.indices(seed, shape, 2));
        }
        return HostTensor.fromDoubles(spec.dtype(), shape, Fixtures.uniform(seed, shape, -1, 1));
    }

    private static void readoutsFollowTheTrajectory(ResidualNetwork network, VariableStore store, HostTensor x) {
        int depth = network.depth();
        List<HostTensor> out;
        try (CompiledForward program = store.compileForward(List.of(network.input()), (ops, p, in) -> {
            List<Tensor> all = new ArrayList<>(network.readouts(ops, p, in.get(0), depth, false));
            Tensor h = network.stem(ops, p, in.get(0));
            for (int l = 1; l <= depth; l++) {
                h = ops.add(h, network.block(l, ops, p, h));
                all.add(network.head(ops, p, h));
            }
            for (int l = 1; l <= depth; l++) {
                all.add(network.readout(ops, p, in.get(0), l));
            }
            return all;
        })) {
            out = program.run(List.of(x));
        }
        assertEquals(3 * depth, out.size(), () -> network.name() + ": readouts(k = " + depth + ") must return " + depth + " tensors");
        for (int l = 1; l <= depth; l++) {
            HostTensor trajectory = out.get(depth + l - 1);
            int at = l;
            Checks.assertClose(network.name() + ": readouts(...).get(" + (l - 1) + ") must be head(h_" + l + ") with h_l = h_{l-1} + block_l(h_{l-1})"
                    + " (a readout off by one depth, or blocks without their residual connection, differ here)", trajectory,
                    out.get(l - 1), RELATIVE, ABSOLUTE);
            Checks.assertClose(network.name() + ": readout(k = " + at + ") must equal readouts(...).get(" + (at - 1) + ")", trajectory,
                    out.get(2 * depth + l - 1), RELATIVE, ABSOLUTE);
        }
    }

    private static void readoutsDependOnExactlyTheirBlocks(ResidualNetwork network, VariableStore store, HostTensor x) {
        int depth = network.depth();
        Set<String> blocks = new HashSet<>();
        for (int l = 1; l <= depth; l++) {
            blocks.addAll(network.blockParameters(l));
        }
        for (int l = 1; l <= depth; l++) {
            int k = l;
            GradientResult g;
            // A loss whose gradient with respect to the readout is cos(yhat + 0.5): nowhere zero on these weights.
            try (CompiledGradient program = store.compileGradient(List.of(network.input()), (ops, p, in) -> ops.sum(
                    ops.sin(ops.add(network.readouts(ops, p, in.get(0), k, false).get(k - 1), ops.scalar(0.5, floatingType(network)))),
                    new int[0], false), blocks)) {
                g = program.run(List.of(x));
            }
            for (int j = 1; j <= depth; j++) {
                double norm = 0;
                for (String name : network.blockParameters(j)) {
                    HostTensor grad = g.gradient(name);
                    for (int i = 0; i < grad.size(); i++) {
                        norm = Math.max(norm, Math.abs(grad.getDouble(i)));
                    }
                }
                if (j <= l && !(norm > 0)) {
                    fail(network.name() + ": readout " + l + " does not depend on block " + j + "'s parameters " + network.blockParameters(j)
                            + " (gradient " + norm + "); readout l must depend on blocks 1..l");
                }
                if (j > l && norm != 0) {
                    fail(network.name() + ": readout " + l + " depends on block " + j + "'s parameters " + network.blockParameters(j)
                            + " (largest gradient " + norm + "); readout l must depend on blocks 1..l only");
                }
            }
        }
    }

    private static DType floatingType(ResidualNetwork network) {
        return network.input().dtype().isFloating() ? network.input().dtype() : DType.FLOAT32;
    }
}
