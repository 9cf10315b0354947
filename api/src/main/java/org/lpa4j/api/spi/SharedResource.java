package org.lpa4j.api.spi;

/**
 * An engine resource (a run's result) held by several resident tensors (its outputs): closed when the last of them
 * releases it. Used under the store's monitor, like every resident tensor.
 */
public final class SharedResource {
    private final AutoCloseable resource;
    private int holders;

    /** {@code resource}, held by {@code holders} tensors. */
    public SharedResource(AutoCloseable resource, int holders) {
        this.resource = resource;
        this.holders = holders;
    }

    /** One holder lets go; the last one closes the resource. */
    public void release() {
        if (--holders == 0) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new org.lpa4j.api.backend.BackendException("An engine result could not be closed: " + e.getMessage(), e);
            }
        }
    }
}
