package org.lpa4j.backend.nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.HostTensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A forward program: one SameDiff graph, traced once, run with the store's current parameters. */
final class Nd4jCompiledForward extends Nd4jProgram implements CompiledForward {
    private final List<String> outputs;

    Nd4jCompiledForward(Nd4jVariableStore store, List<InputSpec> specs, Nd4jTrace trace, List<String> outputs) {
        super(store, specs, trace, "compiled forward program");
        this.outputs = outputs;
    }

    @Override
    public List<HostTensor> run(List<HostTensor> inputs) {
        synchronized (store) {
            Map<String, INDArray> feeds = feed(inputs);
            try {
                trace.arena().attach(trace.sameDiff());
                Map<String, INDArray> values = trace.sameDiff().output(feeds, outputs);
                List<HostTensor> out = new ArrayList<>(outputs.size());
                for (String name : outputs) {
                    out.add(Nd4jArrays.toHost(values.get(name)));
                }
                return out;
            } finally {
                trace.arena().recycle();
                releaseInputs();
            }
        }
    }
}
