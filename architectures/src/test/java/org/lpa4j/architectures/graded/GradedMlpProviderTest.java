package org.lpa4j.architectures.graded;

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

/** The graded network is registered as {@code graded} and rebuilt exactly, grades of different shapes and activations included. */
class GradedMlpProviderTest {
    @Test
    void gradedNetwork_isRegisteredAndRebuiltExactly() {
        Architectures architectures = Architectures.discover();
        assertTrue(architectures.names().contains("graded"), architectures.names().toString());
        GradedMlp network = new GradedMlp(1, 2, List.of(Grade.of(List.of(8, 8), Activation.SIN),
                new Grade(List.of(6, 4, 5), List.of(Activation.RELU, Activation.TANH, Activation.RELU))), DType.FLOAT64);
        Hyperparameters h = architectures.describe(network);
        ResidualNetwork again = architectures.rebuild("graded", Hyperparameters.of(h.asMap()));
        assertEquals(network.parameters().stream().map(s -> s.name() + s.shape()).toList(),
                again.parameters().stream().map(s -> s.name() + s.shape()).toList());
        assertEquals(h, again.hyperparameters());
        assertEquals(2, architectures.create("graded", TaskShape.features(1, 2), org.lpa4j.api.model.ArchitectureOptions.of(2, 8)).depth());
    }
}
