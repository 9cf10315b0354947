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

    /** The error for a tensor that was not created by the {@code Ops} instance of the current trace. */
    public static TraceException foreignTensor(String op, Tensor tensor) {
        return new TraceException(op + ": got a tensor " + tensor.dtype() + " " + tensor.shape()
                + " that was not created by this function's Ops (it comes from another function, program or backend). "
                + "A traced function must only use its inputs, its parameters and the tensors it creates with the Ops it is given.");
    }

    /** The error for an {@code Ops} (or one of its tensors) used after its trace or eager call has ended. */
    public static TraceException traceEnded(String op) {
        return new TraceException(op + ": this Ops instance belongs to a trace that has ended. Keep Ops and tensors only inside "
                + "the function call; do not store them in fields.");
    }

    /** The error for an unknown parameter name inside a traced function. */
    public static org.lpa4j.api.Lpa4jException unknownParameter(String name, Set<String> known) {
        return new org.lpa4j.api.Lpa4jException("No parameter named '" + name + "'; known parameters: " + known + ".");
    }

    /** A forward function's outputs must be a non-empty list of tensors. */
    public static void requireOutputs(java.util.List<Tensor> outputs) {
        if (outputs == null || outputs.isEmpty()) {
            throw new TraceException("The forward function returned no outputs; it must return at least one tensor.");
        }
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) == null) {
                throw new TraceException("The forward function returned null as output " + i + ".");
            }
        }
    }

    /** Gradients and train steps need floating, non-empty parameter subsets. */
    public static void requireNonEmpty(String role, Set<String> names) {
        if (names == null || names.isEmpty()) {
            throw new org.lpa4j.api.Lpa4jException("The set of " + role + " parameters is empty; name at least one parameter.");
        }
    }

    /** The error for running a program (or using a store) after {@code close()}. */
    public static IllegalStateException closed(String what) {
        return new IllegalStateException("This " + what + " has been closed and cannot be used any more; compile a new one.");
    }

    /**
     * Checks a parameter subset ({@code role}: "wrt", "trainable") is non-empty and known, and returns it in the store's
     * order, unmodifiable.
     */
    public static Set<String> orderedSubset(String role, Set<String> storeNames, Set<String> requested) {
        requireNonEmpty(role, requested);
        requireKnownParameters(role, storeNames, requested);
        Set<String> ordered = new java.util.LinkedHashSet<>();
        for (String name : storeNames) {
            if (requested.contains(name)) {
                ordered.add(name);
            }
        }
        return java.util.Collections.unmodifiableSet(ordered);
    }

    /** An immutable copy of the input specs, rejecting a null list or element. */
    public static java.util.List<InputSpec> inputSpecs(java.util.List<InputSpec> inputs) {
        java.util.Objects.requireNonNull(inputs, "The list of input specs is null; pass List.of() for a program without inputs.");
        for (int i = 0; i < inputs.size(); i++) {
            java.util.Objects.requireNonNull(inputs.get(i), "Input spec " + i + " is null.");
        }
        return java.util.List.copyOf(inputs);
    }

    /** A train step's learning rate must be a finite number that is not negative. */
    public static void requireLearningRate(double learningRate) {
        if (!Double.isFinite(learningRate) || learningRate < 0) {
            throw new Lpa4jException("The learning rate must be a finite number >= 0, but is " + learningRate + ".");
        }
    }
}
