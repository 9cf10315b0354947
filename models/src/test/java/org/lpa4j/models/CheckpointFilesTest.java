package org.lpa4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;
import org.lpa4j.api.training.TrainingCheckpoint;

class CheckpointFilesTest {

    @Test
    void aCheckpointMovedAsideByAKilledReplacementIsFoundAgain(@TempDir Path dir) throws Exception {
        CheckpointFiles store = new CheckpointFiles(dir.resolve("run.checkpoint"));
        CheckpointFiles part = store.part("lpa");
        part.save(new TrainingCheckpoint(Map.of("trainer", "lpa"), 0, 3, 30, 1.5, false,
                ParameterSet.of(Map.of("w", HostTensor.ofFloats(Shape.of(2), 1f, 2f))), null, null, Map.of()));
        // What a process killed between moving the checkpoint aside and moving its successor in leaves behind.
        Path folder = dir.resolve("run.checkpoint").resolve("lpa");
        Files.move(folder, folder.resolveSibling(".lpa.replaced-1"));

        assertTrue(part.holdsCheckpoint(), "the earlier checkpoint is put back, so a resumed run continues from it");
        assertEquals(3, part.load().orElseThrow().epoch());
    }
}
