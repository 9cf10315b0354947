package org.lpa4j.cli.conformance;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.MisuseConformance;

/** {@link MisuseConformance} against the backend the library selects ({@value SelectedBackend#PROPERTY}). */
public class CliMisuseConformance extends MisuseConformance {
    @Override
    protected Backend createBackend() {
        return SelectedBackend.open();
    }
}
