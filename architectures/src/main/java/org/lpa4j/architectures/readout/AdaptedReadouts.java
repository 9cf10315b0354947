package org.lpa4j.architectures.readout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.model.StackedReadouts;
import org.lpa4j.api.model.StateShape;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Initializer;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;

/**
 * A residual network whose depths are read each on its own scale while the trunk and the one head stay shared: with
 * the {@linkplain #affine adapter}, depth l's state passes {@code h * scale_l + shift_l} (one scale and one shift per
 * channel: axis 1 of an image state, which {@code Ops} keeps NCHW, else the last axis; see {@link #channelAxis}) before the head, and with a {@linkplain #rank rank} r above 0 also {@code + (h A_l) B_l},
 * a map of rank r over the channels ({@code A_l} [C, r], {@code B_l} [r, C], zero at initialisation), and with a
 * {@linkplain #pooling pooling} of its own, the adapted state times a weight per grid position {@code w_l} [H, W] (1 at
 * initialisation), which before a head that averages the positions is a per-depth weighted pooling; with {@linkplain
 * #temperatures temperatures}, depth l's readout is
 * divided by {@code T_l} (fitted after training, see {@link ReadoutTemperatures}). Built from ordinary ops, so it traces
 * and exports like the network it wraps; saved as the architecture {@value #NAME}.
 */
public final class AdaptedReadouts implements ResidualNetwork {
    /** The registered architecture name. */
    public static final String NAME = "with-depth-readouts";

    private final ResidualNetwork inner;
    private final boolean affine;
    private final int rank;
    private final boolean pooling;
    private final int[] grid;
    private final double[] temperatures;
    private final int channels;
    private final int axis;

    private AdaptedReadouts(ResidualNetwork inner, boolean affine, int rank, boolean pooling, int axis, double[] temperatures) {
        if (inner instanceof AdaptedReadouts) {
            throw new Lpa4jException("The network already has adapted readouts; adapt the network it wraps instead.");
        }
        if (StackedReadouts.overridesReadouts(inner.getClass())) {
            throw new Lpa4jException("The " + inner.name() + " network computes its readouts its own way (not as its head on its states),"
                    + " so its depths cannot be read through a per-depth adapter or temperature.");
        }
        this.inner = inner;
        this.affine = affine;
        if (temperatures != null) {
            if (temperatures.length != inner.depth()) {
                throw new Lpa4jException("Per-depth temperatures need one value per depth (" + inner.depth() + "), but " + temperatures.length
                        + " were given.");
            }
            for (double t : temperatures) {
                if (!(t > 0 && Double.isFinite(t))) {
                    throw new Lpa4jException("A readout temperature must be positive and finite, but one is " + t + ".");
                }
            }
        }
        this.temperatures = temperatures == null ? null : temperatures.clone();
        int[] state = StateShape.of(inner);
        this.axis = axis < 0 ? channelAxis(state.length) : axis;
        if (this.axis < 1 || this.axis >= state.length) {
            throw new Lpa4jException("The adapter's channel axis must be one of the state's axes 1.." + (state.length - 1) + ", but is " + axis + ".");
        }
        this.channels = state[this.axis];
        if (rank < 0 || rank > channels || (rank > 0 && !affine)) {
            throw new Lpa4jException("The rank of a per-depth readout map must be 0 (scale and shift only) up to the state's " + channels
                    + " channels, and needs the adapter, but is " + rank + ".");
        }
        this.rank = rank;
        if (pooling && state.length != 4) {
            throw new Lpa4jException("A per-depth pooling weighs the positions of an image network's grid [C, H, W], but the " + inner.name()
                    + " network's state has no grid (its shape per example is " + Arrays.toString(Arrays.copyOfRange(state, 1, state.length))
                    + "); leave the pooling off for it.");
        }
        this.pooling = pooling;
        this.grid = pooling ? new int[] {state[2], state[3]} : null;
    }

    /** {@code network} with a per-depth affine adapter (scale 1, shift 0 at initialisation) before its shared head. */
    public static AdaptedReadouts withAdapter(ResidualNetwork network) {
        return withAdapter(network, 0);
    }

    /**
     * {@code network} with a per-depth adapter that also adds a map of rank {@code rank} over the channels (0: scale and
     * shift only); the identity at initialisation.
     */
    public static AdaptedReadouts withAdapter(ResidualNetwork network, int rank) {
        return withAdapter(network, rank, false);
    }

    /**
     * {@code network} with a per-depth adapter, a map of rank {@code rank} (0: none) and, when {@code pooling}, a weight per
     * position of an image state's grid for each depth (a per-depth pooling before a head that averages the positions);
     * the identity at initialisation.
     */
    public static AdaptedReadouts withAdapter(ResidualNetwork network, int rank, boolean pooling) {
        return new AdaptedReadouts(network, true, rank, pooling, -1, null);
    }

    /**
     * {@code network} with an adapter on axis {@code axis} of its state: how a model saved before the adapter read the
     * channel axis is rebuilt (it read the last axis, which for an image state is a column of the grid, not a channel).
     */
    static AdaptedReadouts withAdapter(ResidualNetwork network, int rank, boolean pooling, int axis) {
        return new AdaptedReadouts(network, true, rank, pooling, axis, null);
    }

    /** The channel axis of a state of rank {@code rank}, batch axis included: 1 for an image ({@code [B, C, H, W]}), else the last. */
    public static int channelAxis(int rank) {
        return rank == 4 ? 1 : rank - 1;
    }

    /**
     * {@code network} with its readouts divided by one temperature per depth; an {@code AdaptedReadouts} keeps its
     * adapter and gets these temperatures.
     */
    public static AdaptedReadouts withTemperatures(ResidualNetwork network, double[] temperatures) {
        if (network instanceof AdaptedReadouts a) {
            return new AdaptedReadouts(a.inner, a.affine, a.rank, a.pooling, a.axis, temperatures);
        }
        return new AdaptedReadouts(network, false, 0, false, -1, temperatures);
    }

    /** The network whose trunk and head this one reads. */
    public ResidualNetwork inner() {
        return inner;
    }

    /** Whether each depth's state passes its own scale and shift before the head. */
    public boolean affine() {
        return affine;
    }

    /** The axis of the state (batch axis 0) whose channels the adapter scales, shifts and maps. */
    public int axis() {
        return axis;
    }

    /** The rank of each depth's map over the channels beside its scale and shift; 0 when there is none. */
    public int rank() {
        return rank;
    }

    /** Whether each depth weighs the positions of the state's grid with weights of its own before the head. */
    public boolean pooling() {
        return pooling;
    }

    /** The per-depth temperatures, or null when the readouts are not divided. */
    public double[] temperatures() {
        return temperatures == null ? null : temperatures.clone();
    }

    static String scale(int l) {
        return "readoutAdapter." + l + ".scale";
    }

    static String shift(int l) {
        return "readoutAdapter." + l + ".shift";
    }

    static String down(int l) {
        return "readoutAdapter." + l + ".down";
    }

    static String up(int l) {
        return "readoutAdapter." + l + ".up";
    }

    static String pool(int l) {
        return "readoutAdapter." + l + ".pool";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Hyperparameters hyperparameters() {
        Hyperparameters.Builder b = Hyperparameters.builder().put("inner", inner.name()).put("affine", affine).put("rank", rank).put("pooling", pooling).put("axis", axis)
                .put("temperatures", temperatures == null ? List.of() : Arrays.stream(temperatures).boxed().toList());
        inner.hyperparameters().asMap().forEach((k, v) -> b.put(AdaptedReadoutsProvider.INNER_PREFIX + k, v));
        return b.build();
    }

    @Override
    public int depth() {
        return inner.depth();
    }

    @Override
    public InputSpec input() {
        return inner.input();
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>(inner.parameters());
        if (affine) {
            for (int l = 1; l <= depth(); l++) {
                specs.add(new ParameterSpec(scale(l), Shape.of(channels), Initializer.constant(1)));
                specs.add(new ParameterSpec(shift(l), Shape.of(channels), Initializer.zeros()));
                if (rank > 0) {
                    specs.add(new ParameterSpec(down(l), Shape.of(channels, rank), Initializer.glorotUniform(channels, rank)));
                    specs.add(new ParameterSpec(up(l), Shape.of(rank, channels), Initializer.zeros()));
                }
                if (pooling) {
                    specs.add(new ParameterSpec(pool(l), Shape.of(grid[0], grid[1]), Initializer.constant(1)));
                }
            }
        }
        return specs;
    }

    @Override
    public Set<String> blockParameters(int l) {
        return inner.blockParameters(l);
    }

    @Override
    public Set<String> readoutParameters(int l) {
        if (!affine) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>(List.of(scale(l), shift(l)));
        if (rank > 0) {
            names.addAll(List.of(down(l), up(l)));
        }
        if (pooling) {
            names.add(pool(l));
        }
        return Set.copyOf(names);
    }

    @Override
    public Tensor stem(Ops ops, Parameters params, Tensor x) {
        return inner.stem(ops, params, x);
    }

    @Override
    public Tensor block(int l, Ops ops, Parameters params, Tensor h) {
        return inner.block(l, ops, params, h);
    }

    /** The wrapped network's shared head, without any depth's adapter or temperature. */
    @Override
    public Tensor head(Ops ops, Parameters params, Tensor h) {
        return inner.head(ops, params, h);
    }

    @Override
    public Tensor head(int l, Ops ops, Parameters params, Tensor h) {
        Tensor state = h;
        if (affine) {
            int r = h.shape().rank();
            state = ops.add(ops.mul(h, alongChannels(ops, params.get(scale(l)), r, axis)), alongChannels(ops, params.get(shift(l)), r, axis));
            if (rank > 0) {
                // The channels moved last, [..., C] as [N, C] through [C, r] and [r, C], and back.
                Tensor last = moveAxis(ops, h, toLast(r, axis));
                Tensor rows = ops.reshape(last, Shape.of(Shape.UNKNOWN, channels));
                Tensor mapped = unstack(ops, ops.matmul(ops.matmul(rows, params.get(down(l))), params.get(up(l))), last);
                state = ops.add(state, moveAxis(ops, mapped, fromLast(r, axis)));
            }
            if (pooling) {
                state = ops.mul(state, ops.reshape(params.get(pool(l)), Shape.of(1, 1, grid[0], grid[1])));
            }
        }
        Tensor readout = inner.head(ops, params, state);
        return temperatures == null ? readout : ops.mul(readout, ops.scalar(1 / temperatures[l - 1], readout.dtype()));
    }

    @Override
    public Tensor stackedHead(Ops ops, Parameters params, Tensor stackedStates, int k) {
        Tensor states = stackedStates;
        if (affine) {
            // [k * B, ..., C] as [k, B, ..., C] against each depth's [C] as [k, 1, ..., 1, C].
            Tensor byDepth = StackedReadouts.byDepth(ops, stackedStates, k);
            int r = byDepth.shape().rank();
            Tensor adapted = ops.add(ops.mul(byDepth, perDepth(ops, params, k, r, true)), perDepth(ops, params, k, r, false));
            if (rank > 0) {
                // The channels moved last, [k, N, C] x [k, C, r] x [k, r, C]: each depth's rows through its own map; and back.
                Tensor last = moveAxis(ops, byDepth, toLast(r, axis + 1));
                Tensor rows = ops.reshape(last, Shape.of(k, Shape.UNKNOWN, channels));
                Tensor mapped = ops.matmul(ops.matmul(rows, stackedMaps(ops, params, k, true)), stackedMaps(ops, params, k, false));
                adapted = ops.add(adapted, moveAxis(ops, unstackDepths(ops, mapped, last), fromLast(r, axis + 1)));
            }
            if (pooling) {
                // [k, B, C, H, W] against each depth's [H, W] as [k, 1, 1, H, W].
                List<Tensor> pools = new ArrayList<>(k);
                for (int l = 1; l <= k; l++) {
                    pools.add(ops.reshape(params.get(pool(l)), Shape.of(1, 1, 1, grid[0], grid[1])));
                }
                adapted = ops.mul(adapted, pools.size() == 1 ? pools.get(0) : ops.concat(pools, 0));
            }
            states = unstack(ops, adapted, stackedStates);
        }
        Tensor readouts = inner.head(ops, params, states);
        if (temperatures == null) {
            return readouts;
        }
        Tensor byDepth = StackedReadouts.byDepth(ops, readouts, k);
        int[] dims = new int[byDepth.shape().rank()];
        Arrays.fill(dims, 1);
        dims[0] = k;
        double[] inverse = new double[k];
        for (int l = 0; l < k; l++) {
            inverse[l] = 1 / temperatures[l];
        }
        Tensor scale = ops.constant(HostTensor.fromDoubles(readouts.dtype(), Shape.of(dims), inverse));
        return unstack(ops, ops.mul(byDepth, scale), readouts);
    }

    /** The scales (or shifts) of depths 1..k as {@code [k, 1, ..., C, ..., 1]}, of rank {@code rank}, C on the channel axis. */
    private Tensor perDepth(Ops ops, Parameters params, int k, int rank, boolean scales) {
        List<Tensor> parts = new ArrayList<>(k);
        for (int l = 1; l <= k; l++) {
            parts.add(alongChannels(ops, params.get(scales ? scale(l) : shift(l)), rank, axis + 1));
        }
        return parts.size() == 1 ? parts.get(0) : ops.concat(parts, 0);
    }

    /** A per-channel vector {@code [C]} as {@code [1, ..., C, ..., 1]} of rank {@code rank}, C on axis {@code at}, to broadcast. */
    private Tensor alongChannels(Ops ops, Tensor vector, int rank, int at) {
        int[] dims = new int[rank];
        Arrays.fill(dims, 1);
        dims[at] = channels;
        return ops.reshape(vector, Shape.of(dims));
    }

    /** {@code x} transposed by {@code perm}, or {@code x} itself when {@code perm} keeps every axis in place. */
    private static Tensor moveAxis(Ops ops, Tensor x, int[] perm) {
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return ops.transpose(x, perm);
            }
        }
        return x;
    }

    /** The permutation that moves axis {@code at} of a rank-{@code rank} tensor last, the others keeping their order. */
    private static int[] toLast(int rank, int at) {
        int[] perm = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            if (i != at) {
                perm[j++] = i;
            }
        }
        perm[rank - 1] = at;
        return perm;
    }

    /** The inverse of {@link #toLast}: the last axis back to {@code at}. */
    private static int[] fromLast(int rank, int at) {
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = i < at ? i : i == at ? rank - 1 : i - 1;
        }
        return perm;
    }

    /** The down (or up) maps of depths 1..k as {@code [k, C, r]} (or {@code [k, r, C]}). */
    private Tensor stackedMaps(Ops ops, Parameters params, int k, boolean down) {
        Shape one = down ? Shape.of(1, channels, rank) : Shape.of(1, rank, channels);
        List<Tensor> parts = new ArrayList<>(k);
        for (int l = 1; l <= k; l++) {
            parts.add(ops.reshape(params.get(down ? down(l) : up(l)), one));
        }
        return parts.size() == 1 ? parts.get(0) : ops.concat(parts, 0);
    }

    /** {@code mapped [k, N, C]} back to the layout of {@code byDepth [k, B, ..., C]} (the channels last). */
    private static Tensor unstackDepths(Ops ops, Tensor mapped, Tensor byDepth) {
        int[] dims = byDepth.shape().dims();
        dims[1] = Shape.UNKNOWN;
        return ops.reshape(mapped, Shape.of(dims));
    }

    /** {@code byDepth [k, B, ...]} back to the stacked layout of {@code like [k * B, ...]}. */
    private static Tensor unstack(Ops ops, Tensor byDepth, Tensor like) {
        int[] dims = like.shape().dims();
        dims[0] = Shape.UNKNOWN;
        return ops.reshape(byDepth, Shape.of(dims));
    }
}
