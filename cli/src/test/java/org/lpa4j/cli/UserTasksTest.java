package org.lpa4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.task.Tasks;
import org.lpa4j.experiments.DepthReport;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.lpa4j.architectures.fnn.ResidualMlp;
import org.lpa4j.architectures.transformer.Transformer;
import org.lpa4j.architectures.transformer.TransformerTask;
import org.lpa4j.cli.output.ReportWriter;
import org.lpa4j.models.Models;
import org.lpa4j.trainers.lpa.LpaTrainer;

/**
 * A surface and a corpus of the user's own, registered only in this test's service file: they train through the public
 * API (the task registry, {@code new LpaTrainer()}) and {@code fit --task} accepts them without any edit to the CLI.
 */
class UserTasksTest {

    @Test
    void aUsersSurfaceAndCorpusTrainThroughThePublicApi() {
        Tasks tasks = Tasks.discover();
        assertTrue(tasks.names().containsAll(List.of("surface:ripple2d", "text:verses", "surface:peaks2d", "moby")), tasks.names().toString());
        TrainingConfig config = TrainingConfig.defaults().withEpochs(40).withLearningRate(3e-3).withBatchSize(32);
        try (Backend backend = Backends.open("tensorflow")) {
            LoadedTask ripple = tasks.load("surface:ripple2d", TaskOptions.defaults().withExamples(2000).withSeed(2));
            try (TrainingResult r = new LpaTrainer().train(backend, new ResidualMlp(2, 24, 3, 1, Activation.TANH, false, config.dtype()),
                    ripple.data(), config, ripple.metric(), List.of())) {
                assertEquals(3, r.test().depth());
                assertTrue(r.test().at(3) < 0.5, "a model far better than predicting zero (relative error 1): " + r.test().at(3));
            }
            LoadedTask verses = tasks.load("text:verses", TaskOptions.defaults().withContext(16).withSeed(1));
            assertEquals("text:verses", verses.data().task());
            int vocabulary = verses.shape().vocabulary();
            Transformer transformer = new Transformer(TransformerTask.NEXT_TOKEN, vocabulary, 16, 32, 2, 2, vocabulary);
            try (TrainingResult r = new LpaTrainer().train(backend, transformer, verses.data(), config.withEpochs(4), verses.metric(), List.of())) {
                double uniform = Math.log(vocabulary) / Math.log(2);
                assertTrue(r.test().at(2) < uniform - 1, "bits per character " + r.test().at(2) + " against " + uniform + " for a uniform guess");
            }
        }
    }

    @Test
    void fitAcceptsTheUsersTasksWithoutAnEditToTheCli(@TempDir Path dir) throws IOException {
        Path surface = dir.resolve("ripple");
        CliRun fit = CliRun.of("fit", "--task", "surface:ripple2d", "--depth", "2", "--width", "16", "--epochs", "2", "--examples", "200",
                "--trainer", "lpa", "--backend", "tensorflow", "--out", surface.toString());
        assertEquals(0, fit.code(), fit.err());
        DepthReport report = new ReportWriter().read(surface.resolve("report.json"));
        assertEquals("surface:ripple2d", report.task());
        assertEquals("relative L2 error", report.metric());

        Path text = dir.resolve("verses");
        CliRun fitText = CliRun.of("fit", "--task", "text:verses", "--arch", "transformer", "--depth", "2", "--width", "16", "--heads", "2",
                "--context", "16", "--epochs", "1", "--batch-size", "32", "--trainer", "lpa", "--backend", "tensorflow", "--out", text.toString());
        assertEquals(0, fitText.code(), fitText.err());
        assertEquals("bits per character", new ReportWriter().read(text.resolve("report.json")).metric());
        assertEquals(OutputKind.NEXT_TOKEN, Models.inspect(text.resolve("lpa")).output().kind(), "the corpus's vocabulary travels in the saved model");
        CliRun generate = CliRun.of("generate", "--model", text.toString(), "--depth", "2", "--prompt", "sea ", "--length", "10", "--seed", "1",
                "--backend", "tensorflow");
        assertEquals(0, generate.code(), generate.err());
        assertTrue(generate.out().contains("sea "), generate.out());

        String unknown = CliRun.of("fit", "--task", "surface:nope", "--out", dir.toString()).err();
        assertTrue(unknown.contains("surface:ripple2d") && unknown.contains("text:verses"), unknown);
    }
}
