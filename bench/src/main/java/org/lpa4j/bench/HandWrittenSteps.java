package org.lpa4j.bench;

import java.util.List;

/** The hand-written engine steps, one per backend. */
final class HandWrittenSteps {
    private HandWrittenSteps() {
    }

    /** A fresh instance of each hand-written step. */
    static List<HandWrittenStep> all() {
        return List.of(new Nd4jHandWrittenStep(), new DjlHandWrittenStep(), new TensorFlowHandWrittenStep());
    }
}
