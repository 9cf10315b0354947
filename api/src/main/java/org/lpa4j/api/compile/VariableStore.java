package org.lpa4j.api.compile;

import java.util.List;
import java.util.Set;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.HostTensor;

/**
 * The live parameters of one network inside a backend, and the compiler of programs that read and update
 * them. Every program compiled from one store sees the same variables: a train step's update is visible to
 * the next forward run. Programs are compiled from trace-compatible functions (see {@link ForwardFunction}).
 */
public interface VariableStore extends AutoCloseable {

    /** The parameter names, in the order they were created. */
    Set<String> names();

    /** A host copy of the current values. */
    ParameterSet export();

    /** Overwrites the values; names, shapes and element types must match exactly, or nothing is changed. */
    void load(ParameterSet values);

    /** Compiles a forward program. */
    CompiledForward compileForward(List<InputSpec> inputs, ForwardFunction function);

    /** Compiles a program returning the loss and its gradients with respect to {@code wrt}. */
    CompiledGradient compileGradient(List<InputSpec> inputs, LossFunction loss, Set<String> wrt);

    /**
     * Compiles a train step that updates only {@code trainable} with {@code optimizer}; the other parameters
     * are frozen (read, never changed). Each train step keeps its own optimizer state.
     */
    CompiledTrainStep compileTrainStep(List<InputSpec> inputs, LossFunction loss, Set<String> trainable, OptimizerSpec optimizer);

    /** A copy of {@code value} kept in this store's engine memory, for {@link CompiledForward#runResident}. */
    ResidentTensor upload(HostTensor value);

    /**
     * The rows {@code rows} (in that order; repeats allowed) of the leading axis of {@code t}, selected on the engine
     * where it can: a new resident tensor; {@code t} stays open.
     */
    ResidentTensor selectRows(ResidentTensor t, int[] rows);

    /** Releases the variables and every program compiled from this store; closing twice is harmless. */
    @Override
    void close();
}
