package org.lpa4j.conformance;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.trainers.e2e.E2ETrainer;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.DistillationReach;
import org.lpa4j.trainers.lpa.LpaForm;
import org.lpa4j.trainers.lpa.LpaTrainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link LpaTrainer} and every option of it that changes the graph on squared error (self-distillation and
 * its aim, gradient balancing, a uniform start of the depth weights, layer dropout, the readout adapter and its low-rank map, weight decay) trains on this backend and keeps the training checks of {@link TrainingSemanticsConformance}, on its
 * default network, data and setup: monotone in depth, every intermediate depth better than end-to-end training's, the
 * last within a factor of it.
 */
public class LpaOptionsConformance extends BackendConformance {

    /** Every obligation here trains or takes gradients. */
    @Override
    protected java.util.Set<org.lpa4j.api.backend.Capability> requiredCapabilities() {
        return java.util.Set.of(org.lpa4j.api.backend.Capability.TRAINING);
    }
    private static final Logger LOG = LoggerFactory.getLogger(LpaOptionsConformance.class);

    private DepthCurve e2eCurve;

    /** Each option on the suite's default LPA trainer (joint, uniform), with a value of the kind the README measures. */
    static Stream<Arguments> options() {
        LpaTrainer base = new LpaTrainer(LpaForm.JOINT, DepthWeighting.UNIFORM);
        return Stream.of(Arguments.of("the default", new LpaTrainer()),
                Arguments.of("self-distillation 0.5", base.withDistillation(0.5)),
                Arguments.of("gradient balancing", base.withGradientBalancing(true)),
                Arguments.of("uniform for 20 epochs, then adaptive", new LpaTrainer(LpaForm.JOINT, DepthWeighting.ADAPTIVE).withUniformEpochs(20)),
                Arguments.of("layer dropout 0.1", base.withLayerDropout(0.1)),
                Arguments.of("per-depth readout adapter with a rank-2 map", base.withReadoutAdapter(true).withReadoutRank(2)),
                Arguments.of("weight decay 1e-4", base.withWeightDecay(1e-4)),
                Arguments.of("self-distillation 0.5 on depth 1, trunk only", base.withDistillation(0.5).withDistillationDepths(1)
                        .withDistillationReach(DistillationReach.TRUNK)),
                Arguments.of("self-distillation 0.5, head only", base.withDistillation(0.5).withDistillationReach(DistillationReach.HEAD)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void required_lpaOption_keepsTheTrainingChecks(String option, LpaTrainer lpa, TestReporter reporter) {
        DepthCurve curve = train(lpa);
        reporter.publishEntry("lpa (" + option + ") relative L2 error by depth", Arrays.toString(curve.values()));
        LOG.info("{} on {}: LPA ({}) {}, E2E {}", TrainingSemanticsConformance.defaultNetwork().name(), backend().name(), option,
                Arrays.toString(curve.values()), Arrays.toString(e2e().values()));
        TrainingSemanticsConformance.checkMonotone(curve);
        TrainingSemanticsConformance.checkBeatsEndToEnd(curve, e2e());
        TrainingSemanticsConformance.checkLastDepthWithinFactor(curve, e2e());
    }

    private DepthCurve e2e() {
        if (e2eCurve == null) {
            e2eCurve = train(new E2ETrainer());
        }
        return e2eCurve;
    }

    private DepthCurve train(ProgressiveTrainer trainer) {
        try (TrainingResult r = trainer.train(backend(), TrainingSemanticsConformance.defaultNetwork(), TrainingSemanticsConformance.defaultData(),
                TrainingSemanticsConformance.defaultConfig(), Metric.RELATIVE_L2, List.of())) {
            return r.test();
        }
    }
}
