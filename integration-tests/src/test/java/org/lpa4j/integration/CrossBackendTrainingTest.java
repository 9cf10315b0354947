package org.lpa4j.integration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendProvider;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.backend.Capability;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.architectures.fnn.ResidualMlp;
import org.lpa4j.datasets.surfaces.Surface;
import org.lpa4j.datasets.surfaces.SurfaceTask;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.LpaForm;
import org.lpa4j.trainers.lpa.LpaTrainer;

/**
 * The same seed gives the same per-depth test errors on every backend: LPA trained in FLOAT64 for a few epochs from
 * identical host-initialised weights, with identical batches, ends within {@link #RELATIVE_TOLERANCE} on every depth.
 */
class CrossBackendTrainingTest {
    /** FLOAT64 training of ~100 Adam steps: engines differ only by summation order, far below this. */
    static final double RELATIVE_TOLERANCE = 1e-6;

    @Test
    void required_sameSeed_givesSamePerDepthErrorsOnEveryBackend() {
        DataSplits data = SurfaceTask.generate(Surface.PEAKS_2D, 600, 1, DType.FLOAT64);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(8).withBatchSize(64).withLearningRate(3e-3).withSeed(2)
                .withDType(DType.FLOAT64);
        Map<String, DepthCurve> curves = new LinkedHashMap<>();
        for (BackendProvider p : Backends.discover().providers()) {
            try (Backend probe = Backends.create(p)) {
                if (!probe.supports(Capability.TRAINING)) {
                    continue; // inference only (onnxruntime)
                }
            }
            try (Backend b = Backends.create(p);
                 TrainingResult r = new LpaTrainer(LpaForm.JOINT, DepthWeighting.UNIFORM).train(b,
                         new ResidualMlp(2, 16, 3, 1, Activation.TANH, true, DType.FLOAT64), data, config, Metric.RELATIVE_L2, List.of())) {
                curves.put(p.name(), r.test());
            }
        }
        DepthCurve reference = curves.values().iterator().next();
        curves.forEach((name, c) -> {
            for (int l = 1; l <= c.depth(); l++) {
                double rel = Math.abs(c.at(l) - reference.at(l)) / reference.at(l);
                assertTrue(rel <= RELATIVE_TOLERANCE, name + " depth " + l + ": " + Arrays.toString(c.values()) + " vs "
                        + Arrays.toString(reference.values()));
            }
        });
    }
}
