package org.lpa4j.backend.nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.spi.BackendTensor;
import org.lpa4j.api.spi.TraceParameters;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Tensor;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One traced function as one SameDiff graph, and the placeholder map its program feeds at each run. Program inputs
 * become placeholders ({@code -1} for the batch dimension). A parameter the program differentiates becomes a SameDiff
 * variable backed by the store's own {@link INDArray}; any other parameter becomes a placeholder fed with that same
 * array at every run. Either way no value is copied, so every program of a store sees each in-place update at once.
 */
final class Nd4jTrace {
    private final SameDiff sd = SameDiff.create();
    private final Nd4jOps ops = new Nd4jOps(sd);
    private final TraceParameters<SDVariable> parameters;
    private final List<String> inputNames = new ArrayList<>();
    private final List<Tensor> inputs = new ArrayList<>();
    private final Map<String, String> nodeNames = new HashMap<>();
    /** Placeholder name to array: the frozen parameters' store arrays, and during a run the inputs' native copies. */
    private final Map<String, INDArray> feeds = new HashMap<>();
    private final INDArray[] inputArrays;
    private final Nd4jStepArena arena = new Nd4jStepArena();

    Nd4jTrace(Nd4jVariableStore store, List<InputSpec> specs, Set<String> differentiated) {
        this.parameters = new TraceParameters<>(ops, store.layout(), name -> {
            INDArray array = store.array(name);
            String node = "param" + nodeNames.size();
            nodeNames.put(name, node);
            if (differentiated.contains(name)) {
                return sd.var(node, array);
            }
            feeds.put(node, array);
            return sd.placeHolder(node, array.dataType(), array.shape());
        });
        for (int i = 0; i < specs.size(); i++) {
            InputSpec spec = specs.get(i);
            String node = "input" + i;
            SDVariable ph = sd.placeHolder(node, Nd4jArrays.dataType(spec.dtype()), Nd4jArrays.longs(spec.shape().dims()));
            inputNames.add(node);
            inputs.add(ops.wrap(ph, spec.shape(), spec.dtype()));
        }
        this.inputArrays = new INDArray[specs.size()];
    }

    SameDiff sameDiff() {
        return sd;
    }

    /** The memory that the runs of this trace's graph allocate from. */
    Nd4jStepArena arena() {
        return arena;
    }

    /** The SameDiff variable name of parameter {@code name}, or null when the function never read it. */
    String nodeName(String name) {
        return nodeNames.get(name);
    }

    /** Traces a loss function and returns the SameDiff name of its rank-0 result. */
    String traceLoss(LossFunction loss) {
        try {
            return resultName(ops.callLoss(loss, parameters, Collections.unmodifiableList(inputs)));
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Traces a forward function and returns the SameDiff names of its outputs. */
    List<String> traceForward(ForwardFunction function) {
        try {
            return ops.callForward(function, parameters, Collections.unmodifiableList(inputs)).stream().map(this::resultName).toList();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** The name under which {@code result} can be fetched: a placeholder, variable or constant first goes through an identity op. */
    private String resultName(BackendTensor<SDVariable> result) {
        SDVariable v = result.node();
        if (v.getVariableType() != VariableType.ARRAY) {
            v = sd.identity(v);
        }
        return v.name();
    }

    /** The placeholder map with native copies of {@code values} (checked against the specs); free them with {@link #releaseInputs}. */
    Map<String, INDArray> feed(List<HostTensor> values) {
        for (int i = 0; i < inputArrays.length; i++) {
            inputArrays[i] = Nd4jArrays.toArray(values.get(i));
            feeds.put(inputNames.get(i), inputArrays[i]);
        }
        return feeds;
    }

    /** The placeholder map with {@code arrays} themselves (resident tensors' arrays, which stay their owners'). */
    Map<String, INDArray> feedResident(List<INDArray> arrays) {
        for (int i = 0; i < inputNames.size(); i++) {
            feeds.put(inputNames.get(i), arrays.get(i));
        }
        return feeds;
    }

    /** Forgets the last run's inputs, freeing those {@link #feed} copied. */
    void releaseInputs() {
        for (int i = 0; i < inputArrays.length; i++) {
            feeds.remove(inputNames.get(i));
            if (inputArrays[i] != null) {
                inputArrays[i].close();
                inputArrays[i] = null;
            }
        }
    }

    /** Closes the native arrays of the trace's constants and runs (the parameters belong to the store). */
    void close() {
        arena.close();
        ops.closeConstants();
    }
}
