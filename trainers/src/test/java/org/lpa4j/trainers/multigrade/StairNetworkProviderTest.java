package org.lpa4j.trainers.multigrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;

/** The stair network is registered as {@code stair} and rebuilt exactly, grades of different shapes and activations included. */
class StairNetworkProviderTest {
    @Test
    void stairNetwork_isRegisteredAndRebuiltExactly() {
        Architectures architectures = Architectures.discover();
        assertTrue(architectures.names().contains("stair"), architectures.names().toString());
        StairNetwork network = new StairNetwork(1, 2, List.of(GradeSpec.of(List.of(8, 8), Activation.SIN, 3, 0.1, 0.01, 32),
                new GradeSpec(List.of(6, 4, 5), List.of(Activation.RELU, Activation.TANH, Activation.RELU), 2,
                        ExponentialDecay.constant(0.01), 16)), DType.FLOAT64);
        Hyperparameters h = architectures.describe(network);
        ResidualNetwork again = architectures.rebuild("stair", Hyperparameters.of(h.asMap()));
        assertEquals(network.parameters().stream().map(s -> s.name() + s.shape()).toList(),
                again.parameters().stream().map(s -> s.name() + s.shape()).toList());
        assertEquals(h, again.hyperparameters());
        assertEquals(2, architectures.create("stair", TaskShape.features(1, 2), org.lpa4j.api.model.ArchitectureOptions.of(2, 8)).depth());
    }
}
