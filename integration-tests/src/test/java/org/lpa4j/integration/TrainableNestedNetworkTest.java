package org.lpa4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.Metric;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.architectures.nested.LpModulus;
import org.lpa4j.architectures.nested.TargetFunction;
import org.lpa4j.architectures.nested.TrainableNestedNetwork;
import org.lpa4j.datasets.surfaces.Surface;
import org.lpa4j.datasets.surfaces.SurfaceTask;
import org.lpa4j.trainers.lpa.DepthWeighting;
import org.lpa4j.trainers.lpa.LpaForm;
import org.lpa4j.trainers.lpa.LpaTrainer;

/**
 * The constructive network's architecture (width 2dN + d + 2, two sine channels, ReLU elsewhere) trained with LPA on a
 * surface task: every depth's test L^2 error is logged next to the certified bound (2d + 1) w_{f,2}(N^-l) of the
 * constructive weights, and the trained network must learn (its deepest readout beats the constant predictor).
 */
class TrainableNestedNetworkTest {
    private static final int BASE = 4;
    private static final int DEPTH = 4;

    @Test
    void lpaTrainsTheMixedActivationNetwork_andItsErrorsAreReportedBesideTheBound() {
        Surface surface = Surface.PEAKS_2D;
        int d = surface.dimension();
        DataSplits data = SurfaceTask.generate(surface, 800, 3, DType.FLOAT32);
        TrainableNestedNetwork net = new TrainableNestedNetwork(d, BASE, DEPTH, DType.FLOAT32);
        assertEquals(2 * d * BASE + d + 2, net.width());
        TrainingConfig config = TrainingConfig.defaults().withEpochs(80).withBatchSize(200).withLearningRate(1e-2).withSeed(5);
        HostTensor y = data.test().y();
        double rms = 0;
        for (int i = 0; i < y.size(); i++) {
            rms += y.getDouble(i) * y.getDouble(i);
        }
        rms = Math.sqrt(rms / y.size());
        long t0 = System.nanoTime();
        LpModulus w = LpModulus.standard(asTarget(surface), d, 2.0);
        double[] bounds = new double[DEPTH + 1];
        for (int l = 1; l <= DEPTH; l++) {
            bounds[l] = (2 * d + 1) * w.estimate(Math.pow(BASE, -l));
        }
        long t1 = System.nanoTime();
        try (Backend backend = Backends.open("djl");
             TrainingResult r = new LpaTrainer(LpaForm.JOINT, DepthWeighting.ADAPTIVE).train(backend, net, data, config, Metric.RELATIVE_L2,
                     List.of())) {
            DepthCurve test = r.test();
            StringBuilder table = new StringBuilder("depth  trained L2   certified bound (constructive weights)\n");
            for (int l = 1; l <= DEPTH; l++) {
                table.append(String.format("%-6d %-12.4g %.4g%n", l, test.at(l) * rms, bounds[l]));
            }
            System.out.print(table);
            System.out.printf("modulus %.1f s, training %.1f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
            assertTrue(test.at(DEPTH) < 0.5, "the trained network did not learn: relative L2 " + test.at(DEPTH) + " at depth " + DEPTH + "\n" + table);
        }
    }

    private static TargetFunction asTarget(Surface s) {
        return new TargetFunction() {
            public String name() {
                return s.id();
            }

            public String description() {
                return s.id();
            }

            public double value(double[] x) {
                return s.value(x);
            }
        };
    }
}
