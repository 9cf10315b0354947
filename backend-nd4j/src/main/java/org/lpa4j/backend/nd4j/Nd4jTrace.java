package org.lpa4j.backend.nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.tensor.Tensor;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One traced function as one SameDiff graph. Program inputs become placeholders ({@code -1} for the batch dimension).
 * A parameter the program differentiates becomes a SameDiff variable backed by the store's own {@link INDArray};
 * any other parameter becomes a placeholder fed with that same array at every run. Either way no value is copied,
 * so every program of a store sees each in-place update at once.
 */
final class Nd4jTrace implements Parameters {
    private final SameDiff sd = SameDiff.create();
    private final Nd4jOps ops = new Nd4jOps(sd);
    private final Nd4jVariableStore store;
    private final Set<String> differentiated;
    private final List<String> inputNames = new ArrayList<>();
    private final List<Tensor> inputs = new ArrayList<>();
    private final Map<String, Nd4jTensor> parameters = new LinkedHashMap<>();
    private final Map<String, String> nodeNames = new LinkedHashMap<>();
    private final Map<String, INDArray> frozenFeeds = new LinkedHashMap<>();
    private final Nd4jStepArena arena = new Nd4jStepArena();

    Nd4jTrace(Nd4jVariableStore store, List<InputSpec> specs, Set<String> differentiated) {
        this.store = store;
        this.differentiated = differentiated;
        for (int i = 0; i < specs.size(); i++) {
            InputSpec spec = specs.get(i);
            String node = "input" + i;
            SDVariable ph = sd.placeHolder(node, Nd4jArrays.dataType(spec.dtype()), Nd4jArrays.longs(spec.shape().dims()));
            inputNames.add(node);
            inputs.add(ops.wrap(ph, spec.shape(), spec.dtype()));
        }
    }

    SameDiff sameDiff() {
        return sd;
    }

    /** The memory that the runs of this trace's graph allocate from. */
    Nd4jStepArena arena() {
        return arena;
    }

    Nd4jOps ops() {
        return ops;
    }

    /** The input tensors, in spec order. */
    List<Tensor> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    /** The placeholder names of the inputs, in spec order. */
    List<String> inputNames() {
        return inputNames;
    }

    /** Placeholder name to store array for the parameters that are read but not differentiated. */
    Map<String, INDArray> frozenFeeds() {
        return frozenFeeds;
    }

    /** The SameDiff variable name of parameter {@code name}, or null when the function never read it. */
    String nodeName(String name) {
        return nodeNames.get(name);
    }

    @Override
    public Tensor get(String name) {
        ops.requireLive("Parameters.get");
        Nd4jTensor t = parameters.get(name);
        if (t != null) {
            return t;
        }
        if (name == null || !store.names().contains(name)) {
            throw CompileChecks.unknownParameter(name, store.names());
        }
        INDArray array = store.array(name);
        Shape shape = store.shape(name);
        String node = "param" + nodeNames.size();
        SDVariable v;
        if (differentiated.contains(name)) {
            v = sd.var(node, array);
        } else {
            v = sd.placeHolder(node, array.dataType(), Nd4jArrays.longs(shape.dims()));
            frozenFeeds.put(node, array);
        }
        nodeNames.put(name, node);
        t = ops.wrap(v, shape, store.dtype(name));
        parameters.put(name, t);
        return t;
    }

    @Override
    public Set<String> names() {
        return store.names();
    }

    /**
     * The SameDiff name under which {@code result} can be fetched: the tensor must come from this trace; a placeholder,
     * variable or constant is first passed through an identity op so that it is an op output like every other result.
     */
    String resultName(String op, Tensor result) {
        Nd4jTensor t = ops.own(op, result);
        SDVariable v = t.variable();
        if (v.getVariableType() != VariableType.ARRAY) {
            v = sd.identity(v);
        }
        return v.name();
    }

    /** Traces a loss function and returns the SameDiff name of its rank-0 result; the trace has ended afterwards. */
    String traceLoss(LossFunction loss) {
        try {
            Tensor result = loss.apply(ops, this, inputs());
            CompileChecks.requireScalarLoss(result);
            return resultName("loss", result);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        } finally {
            end();
        }
    }

    /** Traces a forward function and returns the SameDiff names of its outputs; the trace has ended afterwards. */
    List<String> traceForward(ForwardFunction function) {
        try {
            List<Tensor> outputs = function.apply(ops, this, inputs());
            CompileChecks.requireOutputs(outputs);
            List<String> names = new ArrayList<>();
            for (Tensor t : outputs) {
                names.add(resultName("output", t));
            }
            return List.copyOf(names);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        } finally {
            end();
        }
    }

    /** Ends the trace: the function's {@code Ops} and tensors can no longer be used. */
    void end() {
        ops.end();
    }

    /** Closes the native arrays of the trace's constants and runs (the parameters belong to the store). */
    void close() {
        arena.close();
        for (INDArray c : ops.constants()) {
            c.close();
        }
        ops.constants().clear();
    }
}
