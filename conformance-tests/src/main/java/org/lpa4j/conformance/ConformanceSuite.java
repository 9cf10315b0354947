package org.lpa4j.conformance;

import java.util.List;

/**
 * The one list of conformance suites. {@code lpa4j conformance} runs exactly these on each backend, and every backend
 * module's build runs them too (its test run scans this module for the classes named {@code *Conformance}; a test of
 * this module checks that those are exactly these). A new suite is a class here and one line in this list.
 */
public final class ConformanceSuite {
    /** Every suite, each run against the backend the library's selection names. */
    public static final List<Class<? extends BackendConformance>> SUITES = List.of(OpsConformance.class, GradientConformance.class,
            LayerConformance.class, OptimizerConformance.class, CompileConformance.class, MisuseConformance.class, ProviderConformance.class,
            TrainingSemanticsConformance.class, LpaOptionsConformance.class, ImageClassificationConformance.class, TextConformance.class);

    private ConformanceSuite() {
    }
}
