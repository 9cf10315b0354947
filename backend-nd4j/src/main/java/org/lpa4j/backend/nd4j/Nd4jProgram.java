package org.lpa4j.backend.nd4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.HostTensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every compiled nd4j program shares: its store, its input specs, its traced SameDiff graph and one reusable
 * placeholder map, already holding the store arrays of the parameters fed as placeholders.
 */
abstract class Nd4jProgram implements AutoCloseable {
    protected final Nd4jVariableStore store;
    protected final List<InputSpec> specs;
    protected final Nd4jTrace trace;
    private final String what;
    private final Map<String, INDArray> feeds = new HashMap<>();
    private final INDArray[] inputArrays;
    private volatile boolean closed;

    Nd4jProgram(Nd4jVariableStore store, List<InputSpec> specs, Nd4jTrace trace, String what) {
        this.store = store;
        this.specs = specs;
        this.trace = trace;
        this.what = what;
        this.inputArrays = new INDArray[specs.size()];
        feeds.putAll(trace.frozenFeeds());
    }

    /** Throws if this program or its store is closed, checks the inputs, and returns the filled placeholder map. */
    protected final Map<String, INDArray> feed(List<HostTensor> inputs) {
        if (closed || store.isClosed()) {
            throw CompileChecks.closed(what);
        }
        InputSpec.checkAll(specs, inputs);
        List<String> names = trace.inputNames();
        for (int i = 0; i < inputArrays.length; i++) {
            inputArrays[i] = Nd4jArrays.toArray(inputs.get(i));
            feeds.put(names.get(i), inputArrays[i]);
        }
        return feeds;
    }

    /** Frees the native copies of the last run's inputs. */
    protected final void releaseInputs() {
        List<String> names = trace.inputNames();
        for (int i = 0; i < inputArrays.length; i++) {
            if (inputArrays[i] != null) {
                feeds.remove(names.get(i));
                inputArrays[i].close();
                inputArrays[i] = null;
            }
        }
    }

    /** Releases what this program holds beyond the graph (optimizer state). */
    protected void release() {
    }

    @Override
    public final void close() {
        synchronized (store) {
            if (closed) {
                return;
            }
            closed = true;
            release();
            trace.close();
            store.forget(this);
        }
    }

    /** Closes this program because its store is closing (the store forgets all its programs itself). */
    final void closeWithStore() {
        if (!closed) {
            closed = true;
            release();
            trace.close();
        }
    }
}
