package org.lpa4j.trainers.separate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.architectures.fnn.ResidualMlp;
import org.lpa4j.architectures.fnn.ResidualMlpProvider;

/** A network cut after k blocks is the architecture built at depth k; the chosen depths; the reference column. */
class SeparateDepthsTrainerTest {
    private final ResidualNetwork full = new ResidualMlp(2, 8, 4, 1, Activation.TANH, false, DType.FLOAT32);

    @Test
    void aNetworkCutAfterKBlocksIsTheArchitectureBuiltAtDepthK() {
        ResidualNetwork cut = SeparateDepthsTrainer.truncate(full, 2);
        ResidualNetwork built = new ResidualMlp(2, 8, 2, 1, Activation.TANH, false, DType.FLOAT32);
        assertEquals(2, cut.depth());
        assertEquals(built.parameters().stream().map(ParameterSpec::name).toList(), cut.parameters().stream().map(ParameterSpec::name).toList());
        assertEquals(built.hyperparameters(), cut.hyperparameters());
        assertEquals(built.hyperparameters(), new ResidualMlpProvider().rebuild(cut.hyperparameters()).hyperparameters(), "it saves and loads as depth 2");
        assertSame(full, SeparateDepthsTrainer.truncate(full, 4), "cutting after the last block leaves the network as it is");
        Lpa4jException tooDeep = assertThrows(Lpa4jException.class, () -> SeparateDepthsTrainer.truncate(full, 5));
        assertTrue(tooDeep.getMessage().contains("choose a depth between 1 and 4"), tooDeep.getMessage());
    }

    @Test
    void everyDepthUnlessChosen_andAChosenDepthBeyondTheNetworkIsRefused() {
        assertArrayEquals(new int[] {1, 2, 3, 4}, new SeparateDepthsTrainer().depthsFor(full));
        assertArrayEquals(new int[] {1, 3}, new SeparateDepthsTrainer(3, 1).depthsFor(full));
        Lpa4jException beyond = assertThrows(Lpa4jException.class, () -> new SeparateDepthsTrainer(1, 6).depthsFor(full));
        assertTrue(beyond.getMessage().startsWith("A separate model of depth 6 was asked for, but the network has 4 blocks"), beyond.getMessage());
        assertThrows(Lpa4jException.class, () -> new SeparateDepthsTrainer(2, 2));
        assertThrows(Lpa4jException.class, () -> new SeparateDepthsTrainer(0));
    }

    @Test
    void theColumnHoldsEachModelsDeepestValueAtItsDepth_andNothingElsewhere() {
        DepthCurve one = new DepthCurve("e2e", new double[] {0.5}, 1.0, 3);
        DepthCurve three = new DepthCurve("e2e", new double[] {0.9, 0.8, 0.2}, 2.5, 4);
        DepthCurve column = DepthCurve.ofModels(SeparateDepthsTrainer.NAME, 4, List.of(three, one));
        assertEquals(SeparateDepthsTrainer.NAME, column.trainer());
        assertEquals(0.5, column.at(1));
        assertTrue(Double.isNaN(column.at(2)) && Double.isNaN(column.at(4)));
        assertEquals(0.2, column.at(3));
        assertEquals(3.5, column.wallSeconds());
        assertEquals(4, column.epochsRun());
    }
}
