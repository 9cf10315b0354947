package org.lpa4j.architectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.architectures.readout.AdaptedReadouts;

/** The built-in architectures are found by name, build networks for the tasks they serve, and rebuild them exactly. */
class ArchitectureProvidersTest {
    private static final Architectures ARCHITECTURES = Architectures.discover();
    private static final TaskShape FEATURES = TaskShape.features(2, 1);
    private static final TaskShape IMAGES = new TaskShape(new int[] {1, 8, 8}, false, 0, 10, OutputKind.CLASSES);
    private static final TaskShape TEXT = new TaskShape(new int[] {16}, true, 30, 30, OutputKind.NEXT_TOKEN);
    private static final ArchitectureOptions OPTIONS = ArchitectureOptions.of(3, 16).withHeads(2).withActivation(Activation.TANH)
            .withDType(DType.FLOAT64);

    @Test
    void theBuiltInArchitectures_areRegistered() {
        assertEquals(List.of("fnn", "graded", "nested", "resnet", "transformer", AdaptedReadouts.NAME), ARCHITECTURES.names());
        assertEquals(List.of("fnn", "graded", "nested"), ARCHITECTURES.namesFitting(FEATURES));
        assertEquals(List.of("resnet"), ARCHITECTURES.namesFitting(IMAGES));
        assertEquals(List.of("transformer"), ARCHITECTURES.namesFitting(TEXT));
    }

    @Test
    void everyNetwork_isRebuiltExactlyFromItsHyperparameters() {
        for (String name : ARCHITECTURES.names()) {
            if (name.equals(AdaptedReadouts.NAME)) {
                continue; // it wraps a network of the others (AdaptedReadoutsTest rebuilds one)
            }
            TaskShape task = name.equals("resnet") ? IMAGES : name.equals("transformer") ? TEXT : FEATURES;
            ResidualNetwork network = ARCHITECTURES.create(name, task, OPTIONS);
            assertEquals(name, network.name());
            assertEquals(3, network.depth());
            Hyperparameters h = ARCHITECTURES.describe(network);
            ResidualNetwork again = ARCHITECTURES.rebuild(name, Hyperparameters.of(h.asMap()));
            assertEquals(network.parameters().stream().map(s -> s.name() + s.shape()).toList(),
                    again.parameters().stream().map(s -> s.name() + s.shape()).toList(), name);
            assertEquals(network.input(), again.input(), name);
            assertEquals(h, again.hyperparameters(), name);
        }
    }

    @Test
    void unknownName_isASentenceListingTheKnownOnes() {
        String message = assertThrows(Lpa4jException.class, () -> ARCHITECTURES.require("mamba")).getMessage();
        assertTrue(message.contains("Unknown architecture 'mamba'") && message.contains("fnn, graded, nested, resnet, transformer")
                && message.contains("META-INF/services/org.lpa4j.api.model.ArchitectureProvider"), message);
    }

    @Test
    void aFormerNameMeansTheArchitectureItNamedThen() {
        assertEquals("graded", ARCHITECTURES.require("stair").name());
        assertTrue(ARCHITECTURES.knows("stair") && !ARCHITECTURES.names().contains("stair"));
        assertEquals("graded", ARCHITECTURES.create("stair", FEATURES, OPTIONS).name());
    }

    @Test
    void architectureThatCannotServeATask_saysWhyAndWhichCan() {
        assertNull(ARCHITECTURES.require("resnet").incompatibility(IMAGES));
        String message = assertThrows(Lpa4jException.class, () -> ARCHITECTURES.create("resnet", FEATURES, OPTIONS)).getMessage();
        assertTrue(message.contains("resnet reads images") && message.contains("Architectures that can: fnn, graded, nested."), message);
    }

    @Test
    void hyperparametersOfTheWrongKind_areASentenceNamingTheValue() {
        Hyperparameters h = ARCHITECTURES.create("fnn", FEATURES, OPTIONS).hyperparameters();
        java.util.Map<String, Object> edited = new java.util.LinkedHashMap<>(h.asMap());
        edited.put("width", "wide");
        String message = assertThrows(Lpa4jException.class, () -> ARCHITECTURES.rebuild("fnn", Hyperparameters.of(edited))).getMessage();
        assertTrue(message.contains("'width' must be a whole number but is wide"), message);
        edited.remove("width");
        message = assertThrows(Lpa4jException.class, () -> ARCHITECTURES.rebuild("fnn", Hyperparameters.of(edited))).getMessage();
        assertTrue(message.contains("'width' is missing"), message);
    }
}
