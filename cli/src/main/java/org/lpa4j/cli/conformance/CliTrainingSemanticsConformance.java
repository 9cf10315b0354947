package org.lpa4j.cli.conformance;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.TrainingSemanticsConformance;

/** {@link TrainingSemanticsConformance} against the backend the library selects ({@value SelectedBackend#PROPERTY}). */
public class CliTrainingSemanticsConformance extends TrainingSemanticsConformance {
    @Override
    protected Backend createBackend() {
        return SelectedBackend.open();
    }
}
