package org.lpa4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.model.ArchitectureProvider;
import org.lpa4j.models.Models;

/**
 * A user's extensions run in the commands as the built-in ones do: an architecture bound only by a Guice module trains in
 * {@code fit}, is saved, and loads in {@code evaluate} and {@code predict}; a trainer in a service file runs in
 * {@code fit --trainer NAME}, is saved with its name and reloads.
 */
class ExtensionsTest {

    @Test
    void anArchitectureBoundByAModuleTrainsSavesEvaluatesAndPredicts(@TempDir Path dir) throws IOException {
        Module bound = binder -> Multibinder.newSetBinder(binder, ArchitectureProvider.class).addBinding().toInstance(new BoundMlpProvider());
        Injector injector = Lpa4jCli.injector(bound);
        Path out = dir.resolve("run");
        CliRun fit = CliRun.of(injector, "fit", "--task", "surface:peaks2d", "--arch", BoundMlpProvider.NAME, "--depth", "2", "--width", "8",
                "--epochs", "2", "--examples", "200", "--trainer", "lpa", "--backend", "tensorflow", "--out", out.toString());
        assertEquals(0, fit.code(), fit.err());
        Path model = out.resolve("lpa");
        CliRun evaluate = CliRun.of(injector, "evaluate", "--model", model.toString(), "--backend", "nd4j", "--repeats", "1");
        assertEquals(0, evaluate.code(), evaluate.err());
        Path input = Files.writeString(dir.resolve("points.csv"), "0.1, 0.2\n-0.5, 0.7\n");
        Path predictions = dir.resolve("predictions.csv");
        CliRun predict = CliRun.of(injector, "predict", "--model", model.toString(), "--input", input.toString(), "--depth", "1", "--out",
                predictions.toString(), "--backend", "djl");
        assertEquals(0, predict.code(), predict.err());
        assertEquals(3, Files.readAllLines(predictions).size(), "a header and a row per input");

        CliRun unbound = CliRun.of(Lpa4jCli.injector(), "evaluate", "--model", model.toString(), "--backend", "nd4j", "--repeats", "1");
        assertEquals(2, unbound.code(), "without the binding the architecture is unknown");
        assertTrue(unbound.err().contains("is a '" + BoundMlpProvider.NAME + "' network, but no architecture of that name"), unbound.err());
    }

    @Test
    void aTrainerInAServiceFileRunsInFit_isSaved_andReloads(@TempDir Path dir) {
        Path out = dir.resolve("run");
        CliRun fit = CliRun.of("fit", "--task", "surface:peaks2d", "--depth", "2", "--width", "8", "--epochs", "2", "--examples", "200",
                "--trainer", "lpa," + DeepestTwoTrainer.NAME, "--backend", "tensorflow", "--out", out.toString());
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("DEEPEST-TWO"), fit.out());
        assertEquals(DeepestTwoTrainer.NAME, Models.inspect(out.resolve(DeepestTwoTrainer.NAME)).training().trainer());
        CliRun evaluate = CliRun.of("evaluate", "--model", out.resolve(DeepestTwoTrainer.NAME).toString(), "--backend", "nd4j", "--repeats", "1");
        assertEquals(0, evaluate.code(), evaluate.err());
    }
}
