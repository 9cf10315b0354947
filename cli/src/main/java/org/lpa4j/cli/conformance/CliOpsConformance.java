package org.lpa4j.cli.conformance;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.OpsConformance;

/** {@link OpsConformance} against the backend the library selects ({@value SelectedBackend#PROPERTY}). */
public class CliOpsConformance extends OpsConformance {
    @Override
    protected Backend createBackend() {
        return SelectedBackend.open();
    }
}
