package org.lpa4j.cli.conformance;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.GradientConformance;

/** {@link GradientConformance} against the backend the library selects ({@value SelectedBackend#PROPERTY}). */
public class CliGradientConformance extends GradientConformance {
    @Override
    protected Backend createBackend() {
        return SelectedBackend.open();
    }
}
