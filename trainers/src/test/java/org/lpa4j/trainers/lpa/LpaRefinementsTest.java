package org.lpa4j.trainers.lpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.ResidualTarget;
import org.lpa4j.architectures.fnn.ResidualMlp;
import org.lpa4j.architectures.readout.AdaptedReadouts;
import org.lpa4j.architectures.graded.Grade;
import org.lpa4j.architectures.graded.GradedMlp;

/** Label smoothing, weight decay, aimed distillation, the readout adapter and temperatures: off by default, recorded, checked. */
class LpaRefinementsTest {

    private static ResidualMlp mlp(int depth) {
        return new ResidualMlp(2, 4, depth, 3, Activation.TANH, false, DType.FLOAT64);
    }

    @Test
    void refinementsAreOffByDefault_andEveryOneIsRecordedInTheOptions() {
        assertEquals(LpaRefinements.NONE, new LpaTrainer().refinements());
        LpaTrainer all = new LpaTrainer().withLabelSmoothing(0.1).withWeightDecay(1e-4).withDistillationDepths(2)
                .withDistillationReach(DistillationReach.TRUNK).withReadoutAdapter(true).withReadoutRank(3).withReadoutPooling(true).withTemperatureCalibration(true)
                .withShallowFirstEpochs(2);
        assertEquals(new LpaRefinements(0.1, 1e-4, 2, DistillationReach.TRUNK, true, 3, true, true, 2), all.refinements());
        assertEquals(0.1, all.options().get("labelSmoothing"));
        assertEquals(1e-4, all.options().get("weightDecay"));
        assertEquals(2, all.options().get("distillationDepths"));
        assertEquals("TRUNK", all.options().get("distillationReach"));
        assertEquals(true, all.options().get("readoutAdapter"));
        assertEquals(3, all.options().get("readoutRank"));
        assertEquals(true, all.options().get("readoutPooling"));
        assertEquals(true, all.options().get("temperatureCalibration"));
        assertEquals(2, all.options().get("shallowFirstEpochs"));
        assertEquals(0.5, all.withDistillation(0.5).distillation(), "the older options keep the refinements and the other way round");
        assertEquals(0.1, all.withDistillation(0.5).refinements().labelSmoothing());
    }

    @Test
    void outOfRangeValuesAreRefusedWithASentence_namingTheSetting() {
        LpaTrainer lpa = new LpaTrainer();
        InvalidSettingException smoothing = assertThrows(InvalidSettingException.class, () -> lpa.withLabelSmoothing(1));
        assertEquals("labelSmoothing", smoothing.setting());
        assertTrue(smoothing.getMessage().startsWith("Label smoothing must be at least 0 and below 1"), smoothing.getMessage());
        assertEquals("weightDecay", assertThrows(InvalidSettingException.class, () -> lpa.withWeightDecay(-1)).setting());
        assertEquals("distillationDepths", assertThrows(InvalidSettingException.class, () -> lpa.withDistillationDepths(-1)).setting());
        assertThrows(NullPointerException.class, () -> lpa.withDistillationReach(null));
        assertEquals("readoutRank", assertThrows(InvalidSettingException.class, () -> lpa.withReadoutRank(-1)).setting());
        assertEquals("shallowFirstEpochs", assertThrows(InvalidSettingException.class, () -> lpa.withShallowFirstEpochs(-1)).setting());
    }

    @Test
    void distillationReachesTheShallowDepthsAsked_neverTheLast() {
        assertEquals(3, LpaRefinements.NONE.distilledDepths(4), "0: every depth but the last");
        assertEquals(1, LpaRefinements.NONE.withDistillationDepths(1).distilledDepths(4));
        assertEquals(3, LpaRefinements.NONE.withDistillationDepths(9).distilledDepths(4));
    }

    @Test
    void labelSmoothingIsRefusedForSquaredError_andAimedDistillationForOwnReadouts() {
        Lpa4jException smoothing = assertThrows(Lpa4jException.class, () -> new LpaObjective(mlp(2), ResidualTarget.meanSquaredError(),
                DType.FLOAT64, new LpaTrainer().withLabelSmoothing(0.1), 0));
        assertTrue(smoothing.getMessage().contains("train it without label smoothing"), smoothing.getMessage());
        new LpaObjective(mlp(2), ResidualTarget.crossEntropy(), DType.FLOAT64, new LpaTrainer().withLabelSmoothing(0.1), 0);
        GradedMlp graded = new GradedMlp(2, 1, List.of(Grade.of(List.of(4), Activation.RELU), Grade.of(List.of(4), Activation.RELU)),
                DType.FLOAT64);
        Lpa4jException aimed = assertThrows(Lpa4jException.class, () -> new LpaObjective(graded, ResidualTarget.meanSquaredError(), DType.FLOAT64,
                new LpaTrainer().withDistillation(0.5).withDistillationReach(DistillationReach.HEAD), 0));
        assertTrue(aimed.getMessage().contains("reaching every parameter"), aimed.getMessage());
    }

    @Test
    void theReadoutAdapterIsWhatTheTrainerTrains_andOnlyWhenAsked() {
        ResidualMlp network = mlp(3);
        assertSame(network, new LpaTrainer().trained(network));
        ResidualNetwork adapted = new LpaTrainer().withReadoutAdapter(true).trained(network);
        assertTrue(adapted instanceof AdaptedReadouts a && a.affine() && a.rank() == 0 && a.inner() == network);
        assertEquals(2, ((AdaptedReadouts) new LpaTrainer().withReadoutAdapter(true).withReadoutRank(2).trained(network)).rank());
        InvalidSettingException alone = assertThrows(InvalidSettingException.class, () -> new LpaTrainer().withReadoutRank(2).trained(network));
        assertTrue(alone.getMessage().contains("turn the adapter on as well"), alone.getMessage());
        InvalidSettingException pooling = assertThrows(InvalidSettingException.class, () -> new LpaTrainer().withReadoutPooling(true).trained(network));
        assertEquals("readoutPooling", pooling.setting());
        Lpa4jException vector = assertThrows(Lpa4jException.class, () -> new LpaTrainer().withReadoutAdapter(true).withReadoutPooling(true).trained(network));
        assertTrue(vector.getMessage().contains("leave the pooling off"), vector.getMessage());
        assertFalse(new LpaTrainer().withTemperatureCalibration(true).trained(network) instanceof AdaptedReadouts,
                "temperatures are fitted after training, not trained");
    }
}
