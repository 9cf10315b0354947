package org.lpa4j.api.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.tensor.Shape;

/**
 * A registered network rebuilt at another depth, for slicing a model shallower and growing it deeper: the same
 * architecture and hyperparameters with only {@value #DEPTH} changed. Refused with a sentence unless the blocks are
 * uniform: the stem, the head and blocks 1..min(L, k) keep their names and shapes, and every added block is shaped like
 * the last one, so depths 1..min(L, k) of both networks are the same function of the same weights.
 */
public final class NetworkDepths {
    /** The hyperparameter that holds the number of blocks. */
    public static final String DEPTH = "depth";

    private NetworkDepths() {
    }

    /** {@code network} rebuilt through {@code architectures} with {@code depth} blocks. */
    public static ResidualNetwork atDepth(Architectures architectures, ResidualNetwork network, int depth) {
        Objects.requireNonNull(network, "network is null");
        if (depth < 1) {
            throw new Lpa4jException("A network needs at least one block, not " + depth + ".");
        }
        if (network instanceof GradedNetwork) {
            throw refused(network, "its blocks are grades of their own widths (multigrade), not uniform residual blocks");
        }
        Hyperparameters h = architectures.describe(network);
        if (!h.asMap().containsKey(DEPTH)) {
            throw refused(network, "its hyperparameters " + h.asMap().keySet() + " hold no '" + DEPTH + "' to change");
        }
        Map<String, Object> values = new LinkedHashMap<>(h.asMap());
        values.put(DEPTH, depth);
        ResidualNetwork other = architectures.rebuild(network.name(), Hyperparameters.of(values));
        if (other.depth() != depth) {
            throw refused(network, "rebuilt with " + DEPTH + " " + depth + " it has " + other.depth() + " blocks");
        }
        checkUniform(network, other);
        return other;
    }

    /** The shared parameters and blocks 1..min(L, k) must match; blocks past the parent's last must be shaped like it. */
    private static void checkUniform(ResidualNetwork parent, ResidualNetwork other) {
        int common = Math.min(parent.depth(), other.depth());
        Map<String, Shape> parentShapes = shapes(parent.parameters());
        Map<String, Shape> otherShapes = shapes(other.parameters());
        for (Map.Entry<String, Shape> e : otherShapes.entrySet()) {
            int block = blockOf(other, e.getKey());
            if (block <= common && !e.getValue().equals(parentShapes.get(e.getKey()))) {
                throw refused(parent, "parameter '" + e.getKey() + "' is " + e.getValue() + " at depth " + other.depth() + " but "
                        + parentShapes.get(e.getKey()) + " at depth " + parent.depth() + ", so its earlier layers depend on the depth");
            }
        }
        for (String name : parentShapes.keySet()) {
            if (blockOf(parent, name) <= common && !otherShapes.containsKey(name)) {
                throw refused(parent, "parameter '" + name + "' is gone at depth " + other.depth());
            }
        }
        List<Shape> last = blockShapes(parent, parent.depth());
        for (int l = parent.depth() + 1; l <= other.depth(); l++) {
            if (!blockShapes(other, l).equals(last)) {
                throw refused(parent, "block " + l + " is not shaped like block " + parent.depth() + " (its blocks are not uniform)");
            }
        }
    }

    /** The block a parameter belongs to, or 0 for the stem and the head. */
    private static int blockOf(ResidualNetwork network, String name) {
        for (int l = 1; l <= network.depth(); l++) {
            if (network.blockParameters(l).contains(name)) {
                return l;
            }
        }
        return 0;
    }

    private static List<Shape> blockShapes(ResidualNetwork network, int l) {
        Set<String> names = network.blockParameters(l);
        List<Shape> out = new ArrayList<>();
        for (ParameterSpec spec : network.parameters()) {
            if (names.contains(spec.name())) {
                out.add(spec.shape());
            }
        }
        return out;
    }

    private static Map<String, Shape> shapes(List<ParameterSpec> specs) {
        Map<String, Shape> out = new LinkedHashMap<>();
        specs.forEach(s -> out.put(s.name(), s.shape()));
        return out;
    }

    private static Lpa4jException refused(ResidualNetwork network, String why) {
        return new Lpa4jException("A " + network.name() + " network cannot change its depth while keeping its earlier depths: " + why
                + ". Growing and slicing work for architectures with uniform blocks (fnn, resnet, transformer); train this one"
                + " again at the depth you need.");
    }
}
