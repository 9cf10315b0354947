package org.lpa4j.architectures.nested;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the explicit weights of the nested network for a function f on the host (see the package description
 * for the construction). Level l decodes the increment {@code E_l f - Phi_{l-1}} on the N^(l d) cells of side N^-l,
 * with a decoder residual at most {@link #DECODER_SHARE} of the estimated w_{f,p}(N^-l); level l's weights depend
 * only on f and the levels before it, so the first layers are the same for every terminal depth. The construction
 * stops at the first level whose decoder cannot be found within the search budget: {@link #decodedDepth()}.
 */
public final class NestedConstruction {
    /** Steepness K of the ramp pairs: a step is exact outside a strip of width 1/K in the scaled coordinate. */
    public static final double RAMP_STEEPNESS = 1e6;
    /** The first sine channel computes {@code sin(code + BETA)}. */
    public static final double BETA = 0.5;
    /** The share of the certified budget's last w_{f,p}(N^-l) that the decoder may use (the rest covers the strips). */
    public static final double DECODER_SHARE = 0.5;
    /** Frequencies tried per level by default. */
    public static final long DEFAULT_SEARCH_STEPS = 4_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(NestedConstruction.class);

    private final TargetFunction function;
    private final int dim;
    private final int base;
    private final int requestedDepth;
    private final double p;
    private final double mean;
    private final List<Double> modulus;
    private final List<LevelDecoder> decoders;
    private final NestedNetwork network;
    private final ParameterSet parameters;

    private NestedConstruction(TargetFunction function, int dim, int base, int requestedDepth, double p, double mean,
            List<Double> modulus, List<LevelDecoder> decoders) {
        this.function = function;
        this.dim = dim;
        this.base = base;
        this.requestedDepth = requestedDepth;
        this.p = p;
        this.mean = mean;
        this.modulus = List.copyOf(modulus);
        this.decoders = List.copyOf(decoders);
        this.network = new NestedNetwork(dim, base, decoders.size());
        this.parameters = weights();
    }

    /** Builds the construction with the default search budget. */
    public static NestedConstruction build(TargetFunction f, int dim, int base, int depth, double p) {
        return build(f, dim, base, depth, p, DEFAULT_SEARCH_STEPS);
    }

    /**
     * Builds levels 1..depth, stopping early where the decoder search fails.
     *
     * @param searchSteps frequencies tried per level before the level counts as beyond the float64 decoder
     */
    public static NestedConstruction build(TargetFunction f, int dim, int base, int depth, double p, long searchSteps) {
        check(dim, base, depth, p);
        LpModulus w = LpModulus.standard(f, dim, p);
        List<Double> modulus = new ArrayList<>();
        List<LevelDecoder> decoders = new ArrayList<>();
        double[] previous = {CellAverages.of(f, new CellGrid(dim, base, 0)).value(0)};
        double mean = previous[0];
        SineDecoderSearch search = new SineDecoderSearch(p, searchSteps);
        boolean decoding = true;
        for (int l = 1; l <= depth; l++) {
            double wl = w.estimate(Math.pow(base, -l));
            modulus.add(wl);
            if (!decoding) {
                continue;
            }
            CellGrid grid = new CellGrid(dim, base, l);
            CellAverages averages = CellAverages.of(f, grid);
            double[] z = new double[grid.cells()];
            double[] target = new double[grid.cells()];
            for (int c = 0; c < grid.cells(); c++) {
                z[c] = Math.sin(c + BETA);
                target[c] = averages.value(c) - previous[grid.parentCode(c)];
            }
            Optional<LevelDecoder> found = search.fit(l, z, target, DECODER_SHARE * wl);
            if (found.isEmpty()) {
                LOG.info("Level {} ({} cells): no decoder frequency within {} steps meets the tolerance {}; the network stops at depth {}.",
                        l, grid.cells(), searchSteps, DECODER_SHARE * wl, l - 1);
                decoding = false;
                continue;
            }
            LevelDecoder decoder = found.get();
            decoders.add(decoder);
            double[] next = new double[grid.cells()];
            for (int c = 0; c < grid.cells(); c++) {
                next[c] = previous[grid.parentCode(c)] + decoder.decode(z[c]);
            }
            previous = next;
            LOG.debug("Level {}: omega {} after {} steps, residual {} <= {}", l, decoder.omega(), decoder.steps(), decoder.residual(),
                    decoder.tolerance());
        }
        return new NestedConstruction(f, dim, base, depth, p, mean, modulus, decoders);
    }

    /** Checks the arguments and says what to change. */
    public static void check(int dim, int base, int depth, double p) {
        if (dim < 1) {
            throw new Lpa4jException("The dimension d must be at least 1, not " + dim + ".");
        }
        if (base < 2) {
            throw new Lpa4jException("The base N must be at least 2, not " + base + ".");
        }
        if (depth < 1) {
            throw new Lpa4jException("The depth L must be at least 1, not " + depth + ".");
        }
        if (!(p >= 1) || Double.isInfinite(p)) {
            throw new Lpa4jException("The exponent p must satisfy 1 <= p < infinity, not " + p + ".");
        }
        double cells = Math.pow(base, (double) depth * dim);
        if (cells > CellGrid.MAX_CELLS) {
            throw new Lpa4jException("Depth " + depth + " with d=" + dim + " and N=" + base + " means " + (long) cells
                    + " cells at the last level, more than the " + CellGrid.MAX_CELLS
                    + " the host can tabulate (and far beyond what float64 can decode); choose a smaller depth.");
        }
    }

    public TargetFunction function() {
        return function;
    }

    public int dim() {
        return dim;
    }

    public int base() {
        return base;
    }

    public double p() {
        return p;
    }

    /** The depth asked for. */
    public int requestedDepth() {
        return requestedDepth;
    }

    /** The levels the network decodes: requestedDepth, or fewer where the decoder search ran out. */
    public int decodedDepth() {
        return decoders.size();
    }

    /** The estimate of w_{f,p}(N^-l) for l = 1..requestedDepth (index l - 1). */
    public List<Double> modulus() {
        return Collections.unmodifiableList(modulus);
    }

    /** The certified bound {@code (2d + 1) w_{f,p}(N^-l)} for level l >= 1. */
    public double bound(int level) {
        return (2 * dim + 1) * modulus.get(level - 1);
    }

    /** The bound {@code 2d w_{f,p}(N^-l)} of the direct multilevel approximation E_l f. */
    public double averageBound(int level) {
        return 2 * dim * modulus.get(level - 1);
    }

    public List<LevelDecoder> decoders() {
        return decoders;
    }

    /** The mean of f: Phi_0. */
    public double mean() {
        return mean;
    }

    public NestedNetwork network() {
        return network;
    }

    /** The explicit float64 weights. */
    public ParameterSet parameters() {
        return parameters;
    }

    private ParameterSet weights() {
        ChannelLayout c = network.layout();
        int w = c.width();
        double k = RAMP_STEEPNESS;
        int n = base;
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put(NestedNetwork.readoutBias(0), new double[] {mean});
        for (int layer = 1; layer <= network.hiddenLayers(); layer++) {
            int in = layer == 1 ? dim : w;
            double[] m = new double[in * w];
            double[] b = new double[w];
            if (layer == 1) {
                for (int i = 0; i < dim; i++) {
                    m[i * w + c.carry(i)] = 1;
                    for (int q = 1; q < n; q++) {
                        m[i * w + c.rampUpper(i, q)] = k * n;
                        b[c.rampUpper(i, q)] = -k * q + 1;
                        m[i * w + c.rampLower(i, q)] = k * n;
                        b[c.rampLower(i, q)] = -k * q;
                    }
                }
                b[c.firstSine()] = BETA;
            } else {
                double side = Math.pow(n, layer - 1);
                for (int i = 0; i < dim; i++) {
                    double stride = Math.pow(side, i);
                    m[c.carry(i) * w + c.carry(i)] = n;
                    m[c.code(i) * w + c.code(i)] = n;
                    m[c.code(i) * w + c.firstSine()] = n * stride;
                    for (int r = 1; r < n; r++) {
                        addStep(m, w, c, i, r, c.carry(i), -1);
                        addStep(m, w, c, i, r, c.code(i), 1);
                        addStep(m, w, c, i, r, c.firstSine(), stride);
                    }
                    for (int q = 1; q < n; q++) {
                        for (int target : new int[] {c.rampUpper(i, q), c.rampLower(i, q)}) {
                            m[c.carry(i) * w + target] = k * n * n;
                            for (int r = 1; r < n; r++) {
                                addStep(m, w, c, i, r, target, -k * n);
                            }
                        }
                        b[c.rampUpper(i, q)] = -k * q + 1;
                        b[c.rampLower(i, q)] = -k * q;
                    }
                }
                b[c.firstSine()] = BETA;
                int decoded = layer - NestedNetwork.LATENCY;
                if (decoded >= 1) {
                    LevelDecoder d = decoders.get(decoded - 1);
                    m[c.firstSine() * w + c.secondSine()] = d.omega();
                    b[c.secondSine()] = d.phase();
                }
            }
            values.put(NestedNetwork.weight(layer), m);
            values.put(NestedNetwork.bias(layer), b);
            int level = layer - NestedNetwork.LATENCY;
            if (level >= 1) {
                double[] r = new double[w];
                r[c.secondSine()] = decoders.get(level - 1).amplitude();
                values.put(NestedNetwork.readoutWeight(level), r);
                values.put(NestedNetwork.readoutBias(level), new double[] {decoders.get(level - 1).offset()});
            }
        }
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        for (ParameterSpec spec : network.parameters()) {
            tensors.put(spec.name(), HostTensor.fromDoubles(DType.FLOAT64, spec.shape(), values.get(spec.name())));
        }
        return ParameterSet.of(tensors);
    }

    /** Adds {@code coefficient * step_r} of coordinate i (upper minus lower ramp) to output channel {@code target}. */
    private static void addStep(double[] m, int w, ChannelLayout c, int i, int r, int target, double coefficient) {
        m[c.rampUpper(i, r) * w + target] += coefficient;
        m[c.rampLower(i, r) * w + target] -= coefficient;
    }
}
