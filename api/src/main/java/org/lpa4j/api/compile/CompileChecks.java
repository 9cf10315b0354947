package org.lpa4j.api.compile;

import java.util.Set;
import java.util.TreeSet;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Tensor;

/** The checks every backend applies when compiling and loading, so that all backends fail with the same sentences. */
public final class CompileChecks {
    private CompileChecks() {
    }

    /** Every name in {@code requested} must be a parameter of the store; {@code role} says what they are for. */
    public static void requireKnownParameters(String role, Set<String> known, Set<String> requested) {
        Set<String> unknown = new TreeSet<>(requested);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new Lpa4jException("The " + role + " parameters " + unknown + " are not in this variable store; known parameters: "
                    + known + ".");
        }
    }

    /** A loss must be a rank-0 floating tensor. */
    public static void requireScalarLoss(Tensor loss) {
        if (loss == null) {
            throw new TraceException("The loss function returned null; it must return a rank-0 floating tensor.");
        }
        if (loss.shape().rank() != 0 || !loss.dtype().isFloating()) {
            throw new TraceException("The loss function returned a " + loss.dtype() + " tensor of shape " + loss.shape()
                    + "; a loss must be a rank-0 floating tensor (reduce it with ops.mean or ops.sum).");
        }
    }

    /** {@code incoming} must have the same names, shapes and element types as {@code current}. */
    public static void requireSameLayout(ParameterSet current, ParameterSet incoming) {
        if (!current.names().equals(incoming.names())) {
            Set<String> missing = new TreeSet<>(current.names());
            missing.removeAll(incoming.names());
            Set<String> extra = new TreeSet<>(incoming.names());
            extra.removeAll(current.names());
            throw new Lpa4jException("Cannot load parameters: missing " + missing + ", unexpected " + extra
                    + ". Load values saved from the same network.");
        }
        for (String name : current.names()) {
            HostTensor a = current.get(name);
            HostTensor b = incoming.get(name);
            if (!a.shape().equals(b.shape()) || a.dtype() != b.dtype()) {
                throw new Lpa4jException("Cannot load parameter '" + name + "': the store holds " + a.dtype() + " " + a.shape()
                        + " but the value is " + b.dtype() + " " + b.shape() + ".");
            }
        }
    }

    /** A parameter set used to create a store must not be empty of values that are non-finite. */
    public static void requireFinite(ParameterSet values) {
        for (String name : values.names()) {
            int bad = values.get(name).firstNonFiniteIndex();
            if (bad >= 0) {
                throw new Lpa4jException("Parameter '" + name + "' holds a non-finite value (" + values.get(name).getDouble(bad)
                        + ") at flat index " + bad + "; initialise or load finite values.");
            }
        }
    }
}
