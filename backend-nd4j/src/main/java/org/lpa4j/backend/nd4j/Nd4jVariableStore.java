package org.lpa4j.backend.nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.compile.LossFunction;
import org.lpa4j.api.compile.OptimizerSpec;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.spi.AbstractCompiledForward;
import org.lpa4j.api.spi.AbstractCompiledGradient;
import org.lpa4j.api.spi.AbstractCompiledTrainStep;
import org.lpa4j.api.spi.AbstractResidentTensor;
import org.lpa4j.api.spi.AbstractVariableStore;
import org.lpa4j.api.tensor.HostTensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The live parameters of one network: one native {@link INDArray} per parameter, owned by the store. Every program
 * compiled from the store references these very arrays (as SameDiff variables or placeholders), and train steps and
 * {@link #load} write into them in place, so an update is visible to every program at once.
 */
final class Nd4jVariableStore extends AbstractVariableStore {
    private final Map<String, INDArray> arrays = new LinkedHashMap<>();

    Nd4jVariableStore(Nd4jBackend backend, ParameterSet initial) {
        super(backend, initial);
        for (Map.Entry<String, HostTensor> e : initial.asMap().entrySet()) {
            arrays.put(e.getKey(), Nd4jArrays.toArray(e.getValue()));
        }
    }

    INDArray array(String name) {
        return arrays.get(name);
    }

    @Override
    protected ParameterSet exportValues() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        arrays.forEach((name, array) -> out.put(name, Nd4jArrays.toHost(array)));
        return ParameterSet.of(out);
    }

    @Override
    protected void loadValues(ParameterSet values) {
        // The layout has been checked before the first write, so a failure changes nothing.
        for (String name : names()) {
            try (INDArray incoming = Nd4jArrays.toArray(values.get(name))) {
                arrays.get(name).assign(incoming);
            }
        }
    }

    @Override
    protected AbstractCompiledForward newForward(List<InputSpec> specs, ForwardFunction function) {
        return new Nd4jCompiledForward(this, specs, function);
    }

    @Override
    protected AbstractCompiledGradient newGradient(List<InputSpec> specs, LossFunction loss, Set<String> wrt) {
        return new Nd4jCompiledGradient(this, specs, loss, wrt);
    }

    @Override
    protected AbstractCompiledTrainStep newTrainStep(List<InputSpec> specs, LossFunction loss, Set<String> trainable,
            OptimizerSpec optimizer) {
        return new Nd4jCompiledTrainStep(this, specs, loss, trainable, optimizer);
    }

    /** A native copy of {@code value}. */
    @Override
    protected AbstractResidentTensor newResident(HostTensor value) {
        return new Nd4jResident(this, Nd4jArrays.toArray(value));
    }

    /** Rows are pulled on the engine from a flat {@code [B, width]} view of the resident array into a new native array. */
    @Override
    protected AbstractResidentTensor selectRowsOf(AbstractResidentTensor t, int[] rows) {
        INDArray source = ((Nd4jResident) t).array();
        long[] shape = source.shape().clone(); // ND4J hands out its own shape array: changing it would reshape the source
        if (rows.length == 0 || source.length() == 0) {
            return super.selectRowsOf(t, rows);
        }
        INDArray flat = source.reshape('c', shape[0], source.length() / shape[0]);
        INDArray picked = Nd4j.pullRows(flat, 1, rows);
        if (shape.length == 2) {
            return new Nd4jResident(this, picked);
        }
        // A reshaped array is a view, which close() would not free: the resident owns a copy in the original rank.
        shape[0] = rows.length;
        try (INDArray pulled = picked) {
            return new Nd4jResident(this, pulled.reshape('c', shape).dup('c'));
        }
    }

    @Override
    protected void release() {
        arrays.values().forEach(INDArray::close);
    }
}
