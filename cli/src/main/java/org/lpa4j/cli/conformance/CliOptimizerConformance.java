package org.lpa4j.cli.conformance;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.OptimizerConformance;

/** {@link OptimizerConformance} against the backend the library selects ({@value SelectedBackend#PROPERTY}). */
public class CliOptimizerConformance extends OptimizerConformance {
    @Override
    protected Backend createBackend() {
        return SelectedBackend.open();
    }
}
