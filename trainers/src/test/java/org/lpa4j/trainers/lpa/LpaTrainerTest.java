package org.lpa4j.trainers.lpa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.architectures.fnn.ResidualMlp;
import org.lpa4j.architectures.graded.Grade;
import org.lpa4j.architectures.graded.GradedMlp;

/** The measured default, and depth weights: normalised, adaptive ones following the inverse running mean of each depth's loss. */
class LpaTrainerTest {

    private static LpaObjective objective(int depth, LpaForm form, DepthWeighting weighting) {
        return objective(depth, new LpaTrainer(form, weighting), 0);
    }

    private static LpaObjective objective(int depth, LpaTrainer settings, long seed) {
        ResidualMlp network = new ResidualMlp(2, 4, depth, 1, Activation.TANH, false, DType.FLOAT64);
        return new LpaObjective(network, ResidualTarget.meanSquaredError(), DType.FLOAT64, settings, seed);
    }

    @Test
    void recordedOptions_holdTheFormAndTheWeightingAsItResolvesForTheData() {
        TensorDataset regression = new TensorDataset(HostTensor.ofFloats(Shape.of(2, 1), 0f, 1f), HostTensor.ofFloats(Shape.of(2, 1), 1f, 2f));
        TensorDataset classes = new TensorDataset(HostTensor.ofFloats(Shape.of(2, 1), 0f, 1f), HostTensor.ofInts(Shape.of(2), 0, 1));
        LpaTrainer lpa = new LpaTrainer().withDistillation(0.25);
        Map<String, Object> squared = lpa.recordedOptions(new DataSplits("r", regression, regression, regression));
        assertEquals(List.of("form", "weighting"), List.copyOf(squared.keySet()).subList(0, 2));
        assertEquals(LpaTrainer.DEFAULT_FORM.name(), squared.get("form"));
        assertEquals(DepthWeighting.ADAPTIVE.name(), squared.get("weighting"), "BY_LOSS is adaptive for squared error");
        assertEquals(0.25, squared.get("distillation"));
        assertEquals(DepthWeighting.UNIFORM.name(), lpa.recordedOptions(new DataSplits("c", classes, classes, classes)).get("weighting"),
                "and uniform for cross-entropy");
    }

    @Test
    void theDefaultIsTheMeasuredOneJointWithWeightsByLoss() {
        LpaTrainer lpa = new LpaTrainer();
        assertEquals(LpaForm.JOINT, lpa.form());
        assertEquals(DepthWeighting.BY_LOSS, lpa.weighting());
    }

    @Test
    void uniformAndIncreasingWeightsSumToOne() {
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, objective(4, LpaForm.JOINT, DepthWeighting.UNIFORM).weights(), 1e-15);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4}, objective(4, LpaForm.JOINT, DepthWeighting.INCREASING).weights(), 1e-15);
        assertArrayEquals(new double[] {0.4, 0.3, 0.2, 0.1}, objective(4, LpaForm.JOINT, DepthWeighting.DECREASING).weights(), 1e-15);
    }

    @Test
    void shallowFirstEpochsWeighDepthOneMostFirst_thenUniformEpochs_thenTheWeighting() {
        LpaObjective run = objective(2, new LpaTrainer(LpaForm.JOINT, DepthWeighting.ADAPTIVE).withShallowFirstEpochs(1).withUniformEpochs(2), 0);
        assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0}, run.weights(), 1e-15, "epoch 1: depth 1 weighs the most");
        run.afterEpoch(new double[] {3.0, 1.0});
        assertArrayEquals(new double[] {0.5, 0.5}, run.weights(), 1e-15, "epoch 2: uniform");
        run.afterEpoch(new double[] {3.0, 1.0});
        assertArrayEquals(new double[] {0.25, 0.75}, run.weights(), 1e-15, "then adaptive");
    }

    @Test
    void adaptiveWeightsAreInverseRunningMeanLosses_andEveryRunStartsAfresh() {
        LpaObjective run = objective(2, LpaForm.LAYER_LOCAL, DepthWeighting.ADAPTIVE);
        assertArrayEquals(new double[] {0.5, 0.5}, run.weights(), 1e-15);
        run.afterEpoch(new double[] {3.0, 1.0});
        assertArrayEquals(new double[] {0.25, 0.75}, run.weights(), 1e-15);
        run.afterEpoch(new double[] {3.0, 1.0});
        assertArrayEquals(new double[] {0.25, 0.75}, run.weights(), 1e-15);
        assertArrayEquals(new double[] {0.5, 0.5}, objective(2, LpaForm.LAYER_LOCAL, DepthWeighting.ADAPTIVE).weights(), 1e-15);
    }

    @Test
    void weightsByLossAreAdaptiveForSquaredError_andUniformForCrossEntropy() {
        LpaTrainer byLoss = new LpaTrainer(LpaForm.JOINT, DepthWeighting.BY_LOSS);
        LpaObjective regression = objective(2, byLoss, 0);
        regression.afterEpoch(new double[] {3.0, 1.0});
        assertArrayEquals(new double[] {0.25, 0.75}, regression.weights(), 1e-15);
        LpaObjective classification = new LpaObjective(new ResidualMlp(2, 4, 2, 3, Activation.TANH, false, DType.FLOAT64),
                ResidualTarget.crossEntropy(), DType.FLOAT64, byLoss, 0);
        classification.afterEpoch(new double[] {3.0, 1.0});
        assertArrayEquals(new double[] {0.5, 0.5}, classification.weights(), 1e-15);
        assertEquals(DepthWeighting.INCREASING, DepthWeighting.INCREASING.resolve(ResidualTarget.crossEntropy()));
    }

    @Test
    void layerDropoutIsRefusedWithASentence_forANetworkWhoseReadoutsAreItsOwn() {
        GradedMlp graded = new GradedMlp(2, 1, List.of(Grade.of(List.of(4), Activation.RELU), Grade.of(List.of(4), Activation.RELU)),
                DType.FLOAT64);
        Lpa4jException refused = assertThrows(Lpa4jException.class, () -> new LpaObjective(graded, ResidualTarget.meanSquaredError(), DType.FLOAT64,
                new LpaTrainer().withLayerDropout(0.1), 0));
        assertTrue(refused.getMessage().contains("train it without layer dropout"), refused.getMessage());
        new LpaObjective(graded, ResidualTarget.meanSquaredError(), DType.FLOAT64, new LpaTrainer(), 0);
    }

    @Test
    void uniformEpochsGiveUniformWeightsFirst_thenTheWeighting() {
        LpaObjective run = objective(2, new LpaTrainer(LpaForm.JOINT, DepthWeighting.ADAPTIVE).withUniformEpochs(2), 0);
        run.afterEpoch(new double[] {3.0, 1.0});
        assertArrayEquals(new double[] {0.5, 0.5}, run.weights(), 1e-15, "epoch 2 of 2 uniform ones");
        run.afterEpoch(new double[] {3.0, 1.0});
        assertArrayEquals(new double[] {0.25, 0.75}, run.weights(), 1e-15, "then adaptive, from the losses seen meanwhile");
    }

    @Test
    void layerDropoutNeverSkipsTheFirstBlock_andSkipsTheLastAtTheRate_fromTheSeed() {
        LpaTrainer settings = new LpaTrainer().withLayerDropout(0.4);
        LpaObjective run = objective(3, settings, 7);
        int[] skipped = new int[3];
        int steps = 20_000;
        for (int i = 0; i < steps; i++) {
            double[] gates = run.gates();
            for (int l = 0; l < 3; l++) {
                skipped[l] += gates[l] == 0 ? 1 : 0;
            }
        }
        assertEquals(0, skipped[0]);
        assertEquals(0.2, skipped[1] / (double) steps, 0.015);
        assertEquals(0.4, skipped[2] / (double) steps, 0.015);
        assertArrayEquals(objective(3, settings, 7).gates(), objective(3, settings, 7).gates(), "the same seed draws the same gates");
        assertEquals(2, run.extraInputs().size(), "the gates are a step input beside the depth weights");
        assertEquals(1, objective(3, new LpaTrainer(), 7).extraInputs().size(), "without layer dropout there are no gates");
    }

    @Test
    void optionsAreOffByDefault_andOutOfRangeValuesAreRefusedWithASentence() {
        LpaTrainer lpa = new LpaTrainer();
        assertEquals(0, lpa.distillation());
        assertEquals(1, lpa.distillationTemperature());
        assertEquals(false, lpa.gradientBalancing());
        assertEquals(0, lpa.uniformEpochs());
        assertEquals(0, lpa.layerDropout());
        LpaTrainer all = lpa.withDistillation(0.5).withDistillationTemperature(3).withGradientBalancing(true).withUniformEpochs(3).withLayerDropout(0.1);
        assertEquals(0.5, all.distillation());
        assertEquals(3, all.distillationTemperature());
        assertEquals(true, all.gradientBalancing());
        assertEquals(3, all.uniformEpochs());
        assertEquals(0.1, all.layerDropout());
        Lpa4jException distill = assertThrows(Lpa4jException.class, () -> lpa.withDistillation(1));
        assertTrue(distill.getMessage().startsWith("The self-distillation weight must be at least 0 and below 1"), distill.getMessage());
        assertThrows(Lpa4jException.class, () -> lpa.withLayerDropout(-0.1));
        Lpa4jException temperature = assertThrows(Lpa4jException.class, () -> lpa.withDistillationTemperature(0));
        assertTrue(temperature.getMessage().startsWith("The self-distillation temperature must be positive and finite"), temperature.getMessage());
        assertThrows(Lpa4jException.class, () -> lpa.withUniformEpochs(-1));
    }
}
