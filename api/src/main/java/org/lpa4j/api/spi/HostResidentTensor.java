package org.lpa4j.api.spi;

import org.lpa4j.api.tensor.HostTensor;

/**
 * A resident tensor held on the host: the fallback of a backend that has no engine-side handle yet. It keeps the API's
 * promises (ownership, closing, values), not its speed: every run copies it in and out.
 */
final class HostResidentTensor extends AbstractResidentTensor {
    private HostTensor value;

    HostResidentTensor(AbstractVariableStore store, HostTensor value) {
        super(store, value.shape(), value.dtype());
        this.value = value;
    }

    @Override
    protected HostTensor copyToHost() {
        return value;
    }

    @Override
    protected void release() {
        value = null;
    }
}
