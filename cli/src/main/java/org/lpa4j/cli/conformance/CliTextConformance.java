package org.lpa4j.cli.conformance;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.TextConformance;

/** {@link TextConformance} against the backend the library selects ({@value SelectedBackend#PROPERTY}). */
public class CliTextConformance extends TextConformance {
    @Override
    protected Backend createBackend() {
        return SelectedBackend.open();
    }
}
