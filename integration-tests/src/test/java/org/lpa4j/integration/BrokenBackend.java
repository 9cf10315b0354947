package org.lpa4j.integration;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.tensor.Tensor;
import org.lpa4j.conformance.ForwardingOps;
import org.lpa4j.integration.mutants.MutantBackend;

/**
 * A deliberately broken decorator over a real backend, which the conformance suite must catch: {@code sin} has the
 * right value but the gradient of the identity, {@code tanh} has the right gradient but a value 1e-3 too large
 * (relative). Everything else, composites included, is delegated to the real backend's {@code Ops}.
 */
final class BrokenBackend extends MutantBackend {
    /** How far off tanh's value is, relative. */
    static final double TANH_ERROR = 1e-3;

    BrokenBackend(Backend real) {
        super(real, "deliberately broken sin gradient and tanh value", BrokenOps::new, MutantBackend.UNCHANGED_STEPS);
    }

    /** The real {@code Ops} with two faults; every other method, composites included, goes to the real one. */
    private static final class BrokenOps extends ForwardingOps {
        private final Ops real;

        BrokenOps(Ops real) {
            super(real);
            this.real = real;
        }

        /** Fault 1: sin(x) in value, but the gradient of x. */
        @Override
        public Tensor sin(Tensor x) {
            return real.add(real.stopGradient(real.sub(real.sin(x), x)), x);
        }

        /** Fault 2: tanh(x) (1 + 1e-3) in value, with tanh's own gradient. */
        @Override
        public Tensor tanh(Tensor x) {
            Tensor t = real.tanh(x);
            return real.add(t, real.stopGradient(real.scale(t, TANH_ERROR)));
        }
    }
}
