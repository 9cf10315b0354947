package org.lpa4j.backend.tensorflow;

import org.lpa4j.api.backend.Backend;
import org.lpa4j.conformance.ImageClassificationConformance;

/** The shared image-classification suite (a small ResNet trained with LPA on digits) run on the TensorFlow backend. */
class TensorFlowImageClassificationConformanceTest extends ImageClassificationConformance {
    @Override
    protected Backend createBackend() {
        return new TensorFlowBackendProvider().create();
    }
}
