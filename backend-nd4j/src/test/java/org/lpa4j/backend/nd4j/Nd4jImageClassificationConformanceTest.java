package org.lpa4j.backend.nd4j;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.ImageClassificationConformance;

/** The shared image-classification suite (a small ResNet trained with LPA on digits) run on the nd4j backend. */
class Nd4jImageClassificationConformanceTest extends ImageClassificationConformance {
    @Override
    protected Backend createBackend() {
        return new Nd4jBackendProvider().create();
    }
}
