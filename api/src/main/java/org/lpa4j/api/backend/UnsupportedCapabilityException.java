package org.lpa4j.api.backend;

import org.lpa4j.api.Lpa4jException;

/** The one way to say "this backend lacks X": names the backend, the capability and the engine's reason. */
public class UnsupportedCapabilityException extends Lpa4jException {
    private static final long serialVersionUID = 1L;

    private final String backend;
    private final Capability capability;

    public UnsupportedCapabilityException(String backend, Capability capability, String reason) {
        super("Backend '" + backend + "' does not support " + capability + ": " + reason
                + ". Choose a backend whose capabilities() include " + capability + ".");
        this.backend = backend;
        this.capability = capability;
    }

    public String backend() {
        return backend;
    }

    public Capability capability() {
        return capability;
    }
}
