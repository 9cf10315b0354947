package org.lpa4j.api.params;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.tensor.Shape;

/**
 * The declaration of one parameter: a dotted name unique in its network (e.g. {@code block3.dense.weight}),
 * a fully known shape and how to initialise it.
 */
public record ParameterSpec(String name, Shape shape, Initializer initializer) {
    public ParameterSpec {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(shape, "shape is null");
        Objects.requireNonNull(initializer, "initializer is null");
        if (name.isBlank()) {
            throw new Lpa4jException("A parameter name must not be blank.");
        }
        if (!shape.isFullyKnown()) {
            throw new Lpa4jException("Parameter '" + name + "' has shape " + shape + "; parameter shapes must be fully known.");
        }
    }

    /** The names of {@code specs}, in their order: what {@code ResidualNetwork.blockParameters} returns for a block's specs. */
    public static Set<String> names(Collection<ParameterSpec> specs) {
        Set<String> names = new LinkedHashSet<>();
        specs.forEach(s -> names.add(s.name()));
        return names;
    }

    /** This spec with {@code prefix + "."} in front of its name, for composing layers. */
    public ParameterSpec prefixed(String prefix) {
        return new ParameterSpec(prefix + "." + name, shape, initializer);
    }
}
