package org.lpa4j.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendRequest;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.training.DepthCurve;
import org.lpa4j.api.training.TrainerOptions;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.models.LoadedModel;
import org.lpa4j.models.ModelBundles;

/** Real experiments on TensorFlow, tiny: the built-in trainers and one of a user's own, in memory and written as a whole. */
class ExperimentRunnerTest {
    private static final BackendRequest TENSORFLOW = new BackendRequest("tensorflow", "the test");

    private static Experiment.Builder tiny() {
        return Experiment.builder().setTask("surface:peaks2d").optTaskOptions(TaskOptions.defaults().withExamples(200))
                .setArchitecture("fnn", ArchitectureOptions.of(2, 8)).optTrainingConfig(TrainingConfig.defaults().withEpochs(2))
                .optBackend(TENSORFLOW);
    }

    @Test
    void theSeparateModelsShareTheirDeepestWithE2e_andEveryModelIsKeptOpen() {
        List<String> events = new ArrayList<>();
        ExperimentListener listener = new ExperimentListener() {
            @Override
            public void onSeedBegin(SeedStart start) {
                events.add("seed " + start.seed() + " " + start.backend());
            }

            @Override
            public void onTrainerBegin(String trainer, List<Integer> depths) {
                events.add(trainer + " " + depths);
            }

            @Override
            public void onSeedEnd(DepthReport report) {
                events.add("end " + report.seed());
            }
        };
        Experiment e = tiny().addTrainer("separate").addTrainer("lpa").addTrainer("e2e").build();
        try (ExperimentResult result = new ExperimentRunner().run(e, List.of(listener))) {
            assertEquals(List.of("seed 0 tensorflow", "lpa [2]", "e2e [2]", "separate [1]", "end 0"), events,
                    "one-model trainers first; the separate models train only the depth E2E did not");
            DepthReport report = result.runs().get(0);
            assertEquals(List.of("lpa", "e2e", "separate"), report.trainers().stream().map(DepthCurve::trainer).toList());
            assertEquals(report.trainers().get(1).at(2), report.trainers().get(2).at(2), "the depth-2 model is E2E's");
            assertEquals(1, report.gaps().size());
            assertEquals("lpa", report.gaps().get(0).trainer());
            assertEquals(List.of("lpa", "e2e", "separate/depth-1"), result.models().stream().map(TrainedModel::folder).toList());
            assertEquals(report, result.report());
            TrainedModel separate = result.models().get(2);
            assertEquals("e2e", separate.info().training().trainer(), "a separate model is trained end to end");
            HostTensor x = HostTensor.zeros(org.lpa4j.api.tensor.DType.FLOAT32, org.lpa4j.api.tensor.Shape.of(3, 2));
            assertEquals(3, separate.model().predict(x, 1).shape().dim(0), "the result holds open models");
            assertEquals("ADAPTIVE", result.models().get(0).info().training().option(org.lpa4j.models.ModelManifest.WEIGHTING), "LPA's weighting as it resolved for squared error");
        }
    }

    @Test
    void trainersOfOneModelTakeTurnsAnEpochEach_onThreadsOfTheirOwn_giveTheModelsOfOneAfterAnother_andAreTimedAlone() {
        List<String> epochs = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> firstEpoch = java.util.Collections.synchronizedList(new ArrayList<>());
        ExperimentListener listener = new ExperimentListener() {
            @Override
            public void onBatch(String trainer, int epoch, int batch, double loss) {
                if (epoch == 1) {
                    firstEpoch.add(trainer + " " + batch);
                }
            }

            @Override
            public void onEpoch(String trainer, int epoch, double meanLoss, double[] validationPerDepth) {
                epochs.add(trainer + " " + epoch + " " + Thread.currentThread().getName());
            }
        };
        ExperimentRunner runner = new ExperimentRunner();
        long start = System.nanoTime();
        try (ExperimentResult turns = runner.run(tiny().addTrainer("lpa").addTrainer("e2e").build(), List.of(listener))) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            assertEquals(List.of("lpa 1 lpa4j-train-lpa", "e2e 1 lpa4j-train-e2e", "lpa 2 lpa4j-train-lpa", "e2e 2 lpa4j-train-e2e"), epochs);
            assertEquals(List.of("lpa 1", "e2e 1", "lpa 2", "e2e 2"), firstEpoch, "a batch each in turn through the first epoch");
            List<DepthCurve> curves = turns.runs().get(0).trainers();
            assertTrue(curves.get(0).wallSeconds() + curves.get(1).wallSeconds() < elapsed, "each is timed without the other's turns: "
                    + curves + " in " + elapsed + " s");
            try (ExperimentResult oneByOne = runner.run(tiny().addTrainer("lpa").addTrainer("e2e").optInterleaved(false).build(), List.of())) {
                for (int i = 0; i < 2; i++) {
                    assertArrayEquals(oneByOne.runs().get(0).trainers().get(i).values(), curves.get(i).values(), "the same model either way");
                }
            }
            HostTensor x = HostTensor.zeros(org.lpa4j.api.tensor.DType.FLOAT32, org.lpa4j.api.tensor.Shape.of(3, 2));
            assertEquals(3, turns.models().get(0).model().predict(x, 2).shape().dim(0), "a model trained on a turn's thread serves on this one");
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("lpa4j-train-")), "no thread left behind");
    }

    @Test
    void aFailingTrainingStopsTheOthers_andItsExceptionIsRethrownAsItWas() {
        InvalidSettingException stop = new InvalidSettingException("epochs", "E2E's first epoch ended; this test stops it there.");
        List<String> epochs = java.util.Collections.synchronizedList(new ArrayList<>());
        ExperimentListener failing = new ExperimentListener() {
            @Override
            public void onEpoch(String trainer, int epoch, double meanLoss, double[] validationPerDepth) {
                epochs.add(trainer + " " + epoch);
                if (trainer.equals("e2e")) {
                    throw stop;
                }
            }
        };
        Experiment e = tiny().addTrainer("lpa").addTrainer("e2e").optTrainingConfig(TrainingConfig.defaults().withEpochs(3)).build();
        assertSame(stop, assertThrows(InvalidSettingException.class, () -> new ExperimentRunner().run(e, List.of(failing))),
                "the sentence it gives alone");
        assertEquals(List.of("lpa 1", "e2e 1"), epochs, "LPA stopped at its next turn");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("lpa4j-train-")), "no thread left behind");
    }

    @Test
    void aWrittenExperimentIsComplete_reloads_andIsNeverReplacedUnasked(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Experiment e = tiny().addTrainer("last-two", TrainerOptions.of(Map.of("weight", "0.25"))).optSeeds(List.of(3L, 4L)).build();
        ExperimentRunner runner = new ExperimentRunner();
        ExperimentResult result = runner.run(e, ExperimentOutput.to(out).alsoWriting((r, folder) -> Files.writeString(folder.resolve("extra.txt"),
                r.runs().size() + " runs")), List.of());
        assertNull(result.models().get(0).model(), "a written model is closed");
        assertEquals("2 runs", Files.readString(out.resolve("extra.txt")));
        SeedsReport report = ReportJson.read(out.resolve(ExperimentOutput.REPORT_FILE), SeedsReport.class);
        assertEquals(List.of(3L, 4L), report.seeds());
        assertEquals("last-two", report.trainers().get(0).trainer());
        ModelBundles bundles = Registries.discover().bundles();
        try (Backend nd4j = Backends.open("nd4j"); LoadedModel loaded = bundles.load(out.resolve("seed-4/last-two"), nd4j)) {
            assertEquals("last-two", loaded.manifest().training().trainer());
            assertEquals(Map.of("weight", 0.25), loaded.manifest().training().options(), "the user's trainer's options are recorded");
            assertEquals(4L, loaded.manifest().provenance().seed());
            double[] test = loaded.manifest().metrics().get(0).test();
            assertArrayEquals(report.runs().get(1).trainers().get(0).values(), test, 0, "the bundle's metrics are the report's");
        }
        InvalidSettingException again = assertThrows(InvalidSettingException.class, () -> runner.run(e, ExperimentOutput.to(out), List.of()));
        assertEquals("replace", again.setting());
        assertTrue(Files.exists(out.resolve("extra.txt")), "the earlier result is kept");
    }

    @Test
    void everySettingIsCheckedOnce_andNamed() {
        assertEquals("task", setting(() -> Experiment.builder().setArchitecture("fnn", ArchitectureOptions.of(2, 8)).addTrainer("lpa").build()));
        assertEquals("trainers", setting(() -> tiny().build()));
        assertEquals("trainers", setting(() -> tiny().addTrainer("lpa").addTrainer("lpa")));
        assertEquals("depth", setting(() -> tiny().setArchitecture("fnn", ArchitectureOptions.of(Experiment.MAX_DEPTH + 1, 8)).addTrainer("lpa").build()));
        assertEquals("seeds", setting(() -> tiny().addTrainer("lpa").optSeeds(List.of(1L, 1L)).build()));
        assertEquals("dtype", setting(() -> tiny().addTrainer("lpa").optTrainingConfig(TrainingConfig.defaults()
                .withDType(org.lpa4j.api.tensor.DType.FLOAT64)).build()));
        assertEquals("weight", setting(() -> new ExperimentRunner().run(tiny().addTrainer("last-two", TrainerOptions.of(Map.of("weight", "x")))
                .build(), List.of())));
        assertEquals("rate", setting(() -> new ExperimentRunner().run(tiny().addTrainer("e2e", TrainerOptions.of(Map.of("rate", 1)))
                .build(), List.of())));
        assertNotNull(tiny().addTrainer("lpa").build());
    }

    private static String setting(Runnable r) {
        return assertThrows(InvalidSettingException.class, r::run).setting();
    }
}
