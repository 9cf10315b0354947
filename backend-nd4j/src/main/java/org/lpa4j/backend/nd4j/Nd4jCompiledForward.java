package org.lpa4j.backend.nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lpa4j.api.compile.ForwardFunction;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.spi.AbstractCompiledForward;
import org.lpa4j.api.spi.AbstractResidentTensor;
import org.lpa4j.api.tensor.HostTensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A forward program: one SameDiff graph, traced once, run with the store's current parameters. */
final class Nd4jCompiledForward extends AbstractCompiledForward {
    private final Nd4jTrace trace;
    private final List<String> outputs;

    Nd4jCompiledForward(Nd4jVariableStore store, List<InputSpec> specs, ForwardFunction function) {
        super(store, specs);
        this.trace = new Nd4jTrace(store, specs, Set.of());
        this.outputs = trace.traceForward(function);
    }

    @Override
    protected List<HostTensor> execute(List<HostTensor> inputs) {
        try {
            Map<String, INDArray> feeds = trace.feed(inputs);
            trace.arena().attach(trace.sameDiff());
            Map<String, INDArray> values = trace.sameDiff().output(feeds, outputs);
            List<HostTensor> out = new ArrayList<>(outputs.size());
            for (String name : outputs) {
                out.add(Nd4jArrays.toHost(values.get(name)));
            }
            return out;
        } finally {
            trace.arena().recycle();
            trace.releaseInputs();
        }
    }

    /**
     * Feeds the resident arrays as they are; each output is copied once on the engine (the run's own arrays go back to
     * the arena for the next run) and nothing crosses to Java.
     */
    @Override
    protected List<AbstractResidentTensor> executeResident(List<AbstractResidentTensor> inputs) {
        try {
            Map<String, INDArray> feeds = trace.feedResident(inputs.stream().map(t -> ((Nd4jResident) t).array()).toList());
            trace.arena().attach(trace.sameDiff());
            Map<String, INDArray> values = trace.sameDiff().output(feeds, outputs);
            List<AbstractResidentTensor> out = new ArrayList<>(outputs.size());
            for (String name : outputs) {
                out.add(new Nd4jResident(store(), values.get(name).dup('c')));
            }
            return out;
        } finally {
            trace.arena().recycle();
            trace.releaseInputs();
        }
    }

    @Override
    protected void release() {
        trace.close();
    }
}
