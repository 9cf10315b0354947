package org.lpa4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/** A slice keeps depths 1..k of a saved model bit for bit, names its parent, and is refused for networks whose blocks are not uniform. */
class SliceTest {
    private static Backend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void openBackend() {
        backend = Backends.open("tensorflow");
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
    }

    private Path saved(String architecture, TaskShape shape, int depth) {
        ResidualNetwork network = Architectures.discover().create(architecture, shape, ArchitectureOptions.of(depth, 8).withHeads(2));
        Path parent = dir.resolve(architecture);
        try (ProgressiveModel model = new ProgressiveModel(network,
                backend.createVariables(ParameterSet.initialize(network.parameters(), 3, DType.FLOAT32)))) {
            Models.save(model, ModelManifest.builder().setTask(shape).optMetric("mse", true, new double[depth], null).build(), parent);
        }
        return parent;
    }

    private static HostTensor input(TaskShape shape) {
        int[] dims = new int[shape.example().length + 1];
        dims[0] = 5;
        System.arraycopy(shape.example(), 0, dims, 1, shape.example().length);
        Shape s = Shape.of(dims);
        SplittableRandom random = new SplittableRandom(11);
        double[] values = new double[(int) s.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = shape.tokens() ? random.nextInt(shape.vocabulary()) : random.nextDouble() * 2 - 1;
        }
        return HostTensor.fromDoubles(shape.tokens() ? DType.INT32 : DType.FLOAT32, s, values);
    }

    private void slicesIdentically(String architecture, TaskShape shape) {
        Path parent = saved(architecture, shape, 4);
        Path child = dir.resolve(architecture + "-2");
        ModelManifest manifest = Models.slice(parent, 2, child);
        assertEquals(2, manifest.depth());
        assertEquals(ModelManifest.Lineage.SLICE, manifest.lineage().step());
        assertEquals(Models.inspect(parent).weights().sha256(), manifest.lineage().parentWeightsSha256());
        assertEquals(4, manifest.lineage().parentDepth());
        assertEquals(2, manifest.metrics().get(0).validation().length);
        HostTensor x = input(shape);
        try (LoadedModel full = Models.load(parent, backend); LoadedModel cut = Models.load(child, backend)) {
            assertEquals(2, cut.model().depth());
            assertTrue(cut.model().parameters().parameterCount() < full.model().parameters().parameterCount());
            for (int k = 1; k <= 2; k++) {
                assertArrayEquals(full.model().predict(x, k).toFloatArray(), cut.model().predict(x, k).toFloatArray(), architecture + " depth " + k);
            }
        }
    }

    @Test
    void fnnSliceKeepsItsDepthsBitForBit() {
        slicesIdentically("fnn", new TaskShape(new int[] {3}, false, 0, 2, OutputKind.REGRESSION));
    }

    @Test
    void resnetSliceKeepsItsDepthsBitForBit() {
        slicesIdentically("resnet", new TaskShape(new int[] {1, 8, 8}, false, 0, 3, OutputKind.CLASSES));
    }

    @Test
    void transformerSliceKeepsItsDepthsBitForBit() {
        slicesIdentically("transformer", new TaskShape(new int[] {6}, true, 7, 3, OutputKind.CLASSES));
    }

    @Test
    void nestedSliceKeepsItsDepthsBitForBit() {
        slicesIdentically("nested", new TaskShape(new int[] {2}, false, 0, 1, OutputKind.REGRESSION));
    }

    @Test
    void depthOutsideTheParentIsRefusedAndNothingIsWritten() {
        Path parent = saved("fnn", new TaskShape(new int[] {3}, false, 0, 2, OutputKind.REGRESSION), 3);
        Path child = dir.resolve("none");
        BundleException e = assertThrows(BundleException.class, () -> Models.slice(parent, 4, child));
        assertTrue(e.getMessage().contains("depths 1..3"), e.getMessage());
        assertThrows(BundleException.class, () -> Models.slice(parent, 0, child));
        assertFalse(Files.exists(child));
    }

    @Test
    void anExistingFolderIsKept() {
        Path parent = saved("fnn", new TaskShape(new int[] {3}, false, 0, 2, OutputKind.REGRESSION), 3);
        BundleException e = assertThrows(BundleException.class, () -> Models.slice(parent, 2, parent));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(3, Models.inspect(parent).depth());
    }

    @Test
    void aGradedNetworkIsRefusedWithASentence() {
        Path parent = saved("graded", new TaskShape(new int[] {3}, false, 0, 1, OutputKind.REGRESSION), 3);
        Lpa4jException e = assertThrows(Lpa4jException.class, () -> Models.slice(parent, 2, dir.resolve("graded-2")));
        assertTrue(e.getMessage().contains("uniform blocks"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("graded-2")));
    }

    @Test
    void theExitPolicyIsNotCarriedOver() {
        Path parent = saved("fnn", new TaskShape(new int[] {3}, false, 0, 2, OutputKind.REGRESSION), 3);
        Models.saveExitPolicy(parent, Map.of("kind", "fixed_depth", "depth", 3));
        assertNull(Models.slice(parent, 2, dir.resolve("cut")).exitPolicy());
        assertNull(Models.inspect(dir.resolve("cut")).exitPolicy());
    }
}
