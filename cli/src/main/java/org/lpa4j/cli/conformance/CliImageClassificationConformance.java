package org.lpa4j.cli.conformance;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.ImageClassificationConformance;

/** {@link ImageClassificationConformance} against the backend the library selects ({@value SelectedBackend#PROPERTY}). */
public class CliImageClassificationConformance extends ImageClassificationConformance {
    @Override
    protected Backend createBackend() {
        return SelectedBackend.open();
    }
}
