package org.lpa4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.model.ArchitectureProvider;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.DType;

/** Every registered architecture, and a user's own, exports at every depth with its pieces, and ONNX's checker accepts every file. */
class OnnxExportTest {
    private static final int DEPTH = 3;
    /** One small task of each kind; each architecture exports on every one it fits. */
    private static final List<TaskShape> TASKS = List.of(
            TaskShape.features(3, 1),
            new TaskShape(new int[] {3}, false, 0, 4, OutputKind.CLASSES),
            new TaskShape(new int[] {1, 8, 8}, false, 0, 3, OutputKind.CLASSES),
            new TaskShape(new int[] {6}, true, 11, 3, OutputKind.CLASSES),
            new TaskShape(new int[] {6}, true, 11, 11, OutputKind.NEXT_TOKEN));

    @TempDir
    Path dir;

    private static List<ResidualNetwork> networks() {
        List<ResidualNetwork> out = new ArrayList<>();
        for (ArchitectureProvider provider : Architectures.discover().providers()) {
            for (TaskShape task : TASKS) {
                if (provider.incompatibility(task) == null) {
                    out.add(provider.create(task, ArchitectureOptions.of(DEPTH, 16).withHeads(2)));
                }
            }
        }
        out.add(new UserNetwork(DEPTH));
        return out;
    }

    private List<Path> export(ResidualNetwork network, int index) throws Exception {
        Path target = dir.resolve(network.name() + "-" + index);
        Files.createDirectories(target);
        return OnnxExport.write(network, ParameterSet.initialize(network.parameters(), 7, DType.FLOAT32), null, target);
    }

    @Test
    void everyArchitecture_exportsEveryDepthAndEveryPiece_andOnnxCheckerAcceptsEachFile() throws Exception {
        String why = OnnxChecker.unavailable();
        Assumptions.assumeTrue(why == null, () -> "skipped: " + why);
        List<ResidualNetwork> networks = networks();
        List<String> names = networks.stream().map(ResidualNetwork::name).distinct().toList();
        assertTrue(names.containsAll(List.of("fnn", "resnet", "transformer", "graded", "nested", "user")), names::toString);
        List<Path> all = new ArrayList<>();
        for (int i = 0; i < networks.size(); i++) {
            List<Path> files = export(networks.get(i), i);
            assertEquals(2 * DEPTH + 3, files.size(), "depths, stem, blocks, head and the manifest");
            all.addAll(files);
        }
        OnnxChecker.assertValid(all);
    }

    @Test
    void depthFiles_areOpset17Ir8_withWeightsAsInitializers_aSymbolicBatch_andNamedInputsAndOutputs() throws Exception {
        ResidualNetwork network = networks().get(0);
        List<Path> files = export(network, 0);
        ModelProto depth2 = ModelProto.parseFrom(Files.readAllBytes(files.get(1)));
        assertEquals(8, depth2.getIrVersion());
        assertEquals(17, depth2.getOpsetImport(0).getVersion());
        assertEquals("x", depth2.getGraph().getInput(0).getName());
        assertEquals("batch", depth2.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals("y", depth2.getGraph().getOutput(0).getName());
        List<String> initializers = depth2.getGraph().getInitializerList().stream().map(t -> t.getName()).toList();
        assertTrue(initializers.stream().anyMatch(n -> n.startsWith("block2")), () -> "block 2's weights in " + initializers);
        assertTrue(initializers.stream().noneMatch(n -> n.startsWith("block3")), () -> "nothing of block 3 at depth 2: " + initializers);
        JsonNode manifest = new ObjectMapper().readTree(files.get(files.size() - 1).toFile());
        assertEquals(DEPTH, manifest.get("depths").size());
        assertEquals("block_3.onnx", manifest.get("earlyExit").get("blocks").get(2).asText());
        assertEquals("batch", manifest.get("earlyExit").get("state").get("shape").get(0).asText());
    }

    @Test
    void outputNames_thatRepeatAnInput_areRefusedWithASentence() {
        InputSpec x = InputSpec.batched("x", DType.FLOAT32, 2);
        Lpa4jException e = assertThrows(Lpa4jException.class, () -> OnnxTrace.trace("g", List.of(x),
                (ops, p, in) -> List.of(ops.relu(in.get(0))), ParameterSet.of(java.util.Map.of()), List.of("x")));
        assertTrue(e.getMessage().contains("repeats an input"), e.getMessage());
    }
}
