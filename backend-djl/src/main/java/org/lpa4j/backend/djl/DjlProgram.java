package org.lpa4j.backend.djl;

import java.util.List;
import org.lpa4j.api.compile.CompileChecks;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.tensor.HostTensor;

/** What every DJL program shares: its store, its input specs, the checks made at each run, and closing. */
abstract class DjlProgram implements AutoCloseable {
    protected final DjlVariableStore store;
    protected final List<InputSpec> specs;
    /** One reusable direct buffer per input, filled at each run (see {@link DjlArrays#toArray(ai.djl.ndarray.NDManager,
     * HostTensor, java.nio.ByteBuffer[], int)}); runs are serialised on the store, so one set suffices. */
    protected final java.nio.ByteBuffer[] staging;
    private final String what;
    private volatile boolean closed;

    DjlProgram(DjlVariableStore store, List<InputSpec> specs, String what) {
        this.store = store;
        this.specs = specs;
        this.what = what;
        this.staging = new java.nio.ByteBuffer[specs.size()];
    }

    /** Throws if this program or its store is closed, then checks the inputs against the specs. */
    protected final void checkRun(List<HostTensor> inputs) {
        if (closed || store.isClosed()) {
            throw CompileChecks.closed(what);
        }
        InputSpec.checkAll(specs, inputs);
    }

    /** Releases what this program holds beyond the store (optimizer state). */
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
            store.forget(this);
        }
    }
}
