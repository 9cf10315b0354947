package org.lpa4j.cli.conformance;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.LayerConformance;

/** {@link LayerConformance} against the backend the library selects ({@value SelectedBackend#PROPERTY}). */
public class CliLayerConformance extends LayerConformance {
    @Override
    protected Backend createBackend() {
        return SelectedBackend.open();
    }
}
