package org.lpa4j.integration;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.conformance.TrainingSemanticsConformance;

/** A user-written architecture passes the same training-semantics suite as the built-in residual MLP. */
class GatedResidualMlpSemanticsTest extends TrainingSemanticsConformance {
    @Override
    protected Backend createBackend() {
        return Backends.open("djl");
    }

    @Override
    protected ResidualNetwork network() {
        return new GatedResidualMlp(2, 32, DEPTH);
    }
}
