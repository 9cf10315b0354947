package org.lpa4j.cli.option;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.task.Tasks;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.models.DataFingerprint;
import org.lpa4j.models.ModelManifest;

/** A saved model's task is rebuilt from its manifest and must have the data fingerprint it records, in every bundle format. */
class SavedModelTaskTest {
    private static final String TASK = "surface:peaks2d";
    private static final Path MODEL = Path.of("run", "lpa");

    private static ModelManifest manifest(int format, TaskOptions options, String sha256) {
        return new ModelManifest(format, new ModelManifest.Architecture("fnn", Map.of()), new ModelManifest.Input("x", DType.FLOAT32,
                new int[] {2}, false, 0, null, null), new ModelManifest.Output(OutputKind.REGRESSION, 1, null), DType.FLOAT32, 2, null,
                new ModelManifest.Provenance("test", "tensorflow", "test", 0L, TASK, options, sha256, "2026-01-01T00:00:00Z"), List.of(), null,
                null, null, null);
    }

    @Test
    void dataWithAnotherFingerprint_isRefused_whetherTheManifestRecordsTheDataOptionsOrNot() {
        Tasks tasks = Tasks.discover();
        TaskOptions options = TaskOptions.defaults().withSeed(0).withExamples(200);
        LoadedTask task = tasks.load(TASK, options);
        String sha = DataFingerprint.sha256(task.data());
        SavedModelTask flags = new SavedModelTask();
        flags.examples = 200;
        assertEquals(task.data().train().size(), flags.load(tasks, manifest(1, null, sha), MODEL).data().train().size());
        flags.examples = null;
        assertEquals(task.data().train().size(), flags.load(tasks, manifest(3, options, sha), MODEL).data().train().size());

        String other = "0".repeat(64);
        String recorded = assertThrows(Lpa4jException.class, () -> flags.load(tasks, manifest(3, options, other), MODEL)).getMessage();
        assertTrue(recorded.contains("is not the data the model at " + MODEL + " was trained on") && recorded.contains("cache"), recorded);
        flags.examples = 200;
        String given = assertThrows(Lpa4jException.class, () -> flags.load(tasks, manifest(1, null, other), MODEL)).getMessage();
        assertTrue(given.contains("is not the data") && given.contains("--examples and --limit that fit used"), given);
    }
}
