package org.lpa4j.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.training.Checkpointing;
import org.lpa4j.api.training.TrainingListener;
import org.lpa4j.models.CheckpointFiles;

/**
 * A run stopped in the middle and resumed from its last checkpoint ends with the same weights and test curve, bit for
 * bit, as the uninterrupted run: on every backend, for every trainer (both LPA forms, E2E, multigrade, separate models);
 * once by an exception in the middle of an epoch, once by {@code kill -9} of a training JVM (one trainer per backend). A checkpoint of a run with other settings is refused naming them.
 */
class CheckpointResumeTest {
    @TempDir
    Path dir;

    static Stream<Arguments> backendsAndTrainers() {
        List<Arguments> out = new ArrayList<>();
        for (String backend : List.of("nd4j", "djl", "tensorflow")) {
            for (String trainer : List.of("lpa-joint", "lpa-local", "e2e", "multigrade", "separate")) {
                out.add(Arguments.of(backend, trainer));
            }
        }
        return out.stream();
    }

    /** One trainer per backend killed with SIGKILL, so every backend and every trainer is killed once. */
    static Stream<Arguments> killed() {
        return Stream.of(Arguments.of("nd4j", "e2e"), Arguments.of("djl", "lpa-joint"), Arguments.of("tensorflow", "lpa-local"));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("backendsAndTrainers")
    void aRunStoppedInTheMiddleAndResumed_endsAsTheUninterruptedRun(String backendName, String trainer) {
        CheckpointFiles files = new CheckpointFiles(dir.resolve("checkpoint"));
        Checkpointing every = Checkpointing.into(files).everyEpochs(1);
        int[] epochsSeen = {0};
        int[] stoppedIn = {0};
        int stopAt = trainer.equals("multigrade") || trainer.equals("separate") ? 10 : 4; // in the second grade or separate model
        TrainingListener stop = new TrainingListener() {
            @Override
            public void onEpoch(String t, int epoch, double meanLoss, double[] validationPerDepth) {
                if (++epochsSeen[0] == stopAt - 1) {
                    stoppedIn[0] = epoch;
                    throw new IllegalStateException("stopped");
                }
            }
        };
        try (Backend backend = Backends.open(backendName)) {
            assertThrows(IllegalStateException.class, () -> CheckpointedTraining.train(backend, trainer, every, List.of(stop)));
            List<Integer> epochs = new ArrayList<>();
            CheckpointedTraining.Run whole = CheckpointedTraining.train(backend, trainer, null, List.of());
            CheckpointedTraining.Run resumed = CheckpointedTraining.train(backend, trainer, every.resuming(), List.of(epochsOf(epochs)));
            assertEquals(stoppedIn[0], epochs.get(0), "the resumed run repeats the epoch it was stopped in (its checkpoint is of the one"
                    + " before), and no earlier one: " + epochs);
            assertSame(whole, resumed, trainer + " on " + backendName);
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("killed")
    void aTrainingJvmKilledWithSigkillAndResumed_endsAsTheUninterruptedRun(String backendName, String trainer) throws Exception {
        Path checkpoint = dir.resolve("checkpoint");
        List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), CheckpointedTraining.class.getName(), backendName, trainer, checkpoint.toString());
        Process training = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("training.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (checkpointEpoch(checkpoint) < 2) {
                assertTrue(training.isAlive(), "the training JVM ended before it could be killed:\n" + Files.readString(dir.resolve("training.log")));
                assertTrue(System.nanoTime() < deadline, "the training JVM wrote no checkpoint of epoch 2 within 3 minutes");
                Thread.sleep(50);
            }
        } finally {
            training.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
            training.waitFor(1, TimeUnit.MINUTES);
        }
        CheckpointFiles files = new CheckpointFiles(checkpoint);
        int killedAfter = files.load().orElseThrow().epoch();
        assertTrue(killedAfter >= 2 && killedAfter < CheckpointedTraining.CONFIG.epochs(), "killed after epoch " + killedAfter);
        List<Integer> epochs = new ArrayList<>();
        try (Backend backend = Backends.open(backendName)) {
            CheckpointedTraining.Run whole = CheckpointedTraining.train(backend, trainer, null, List.of());
            CheckpointedTraining.Run resumed = CheckpointedTraining.train(backend, trainer, Checkpointing.into(files).everyEpochs(1).resuming(),
                    List.of(epochsOf(epochs)));
            assertEquals(killedAfter + 1, epochs.get(0), "the resumed run starts after the checkpoint's epoch: " + epochs);
            assertSame(whole, resumed, trainer + " on " + backendName + ", killed after epoch " + killedAfter);
        }
    }

    @Test
    void aCheckpointOfARunWithOtherSettingsIsRefusedNamingThem() {
        CheckpointFiles files = new CheckpointFiles(dir.resolve("checkpoint"));
        try (Backend backend = Backends.open("tensorflow")) {
            CheckpointedTraining.train(backend, "lpa-joint", Checkpointing.into(files).everyEpochs(2), List.of());
            InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> CheckpointedTraining.trainer("lpa-joint").train(backend,
                    CheckpointedTraining.network(), CheckpointedTraining.data(), CheckpointedTraining.CONFIG.withLearningRate(0.01).withSeed(9),
                    CheckpointedTraining.METRIC, List.of(), Checkpointing.into(files).resuming()));
            assertTrue(e.getMessage().contains("learningRate is 0.01 here but was 0.003"), e.getMessage());
            assertTrue(e.getMessage().contains("seed is 9 here but was 4"), e.getMessage());
            InvalidSettingException other = assertThrows(InvalidSettingException.class, () -> CheckpointedTraining.train(backend, "e2e",
                    Checkpointing.into(files).resuming(), List.of()));
            assertTrue(other.getMessage().contains("trainer is e2e here but was lpa"), other.getMessage());
            InvalidSettingException none = assertThrows(InvalidSettingException.class, () -> CheckpointedTraining.train(backend, "e2e",
                    Checkpointing.into(new CheckpointFiles(dir.resolve("none"))).resuming(), List.of()));
            assertTrue(none.getMessage().contains("There is no checkpoint"), none.getMessage());
        }
    }

    private static TrainingListener epochsOf(List<Integer> epochs) {
        return new TrainingListener() {
            @Override
            public void onEpoch(String trainer, int epoch, double meanLoss, double[] validationPerDepth) {
                epochs.add(epoch);
            }
        };
    }

    private static void assertSame(CheckpointedTraining.Run whole, CheckpointedTraining.Run resumed, String what) {
        assertEquals(whole.weights().size(), resumed.weights().size());
        for (int m = 0; m < whole.weights().size(); m++) {
            ParameterSet a = whole.weights().get(m);
            ParameterSet b = resumed.weights().get(m);
            assertEquals(a.names(), b.names());
            for (String name : a.names()) {
                assertEquals(a.get(name), b.get(name), what + ": model " + (m + 1) + ", parameter " + name);
            }
            assertArrayEquals(whole.curves().get(m), resumed.curves().get(m), 0.0, what + ": model " + (m + 1) + ", test metric at every depth");
        }
        assertEquals(whole.epochs(), resumed.epochs(), what + ": epochs run");
    }

    private static int checkpointEpoch(Path checkpoint) {
        Path state = checkpoint.resolve(CheckpointFiles.STATE_FILE);
        try {
            return Files.isRegularFile(state) ? new ObjectMapper().readTree(state.toFile()).get("epoch").asInt() : 0;
        } catch (java.io.IOException e) {
            return 0; // being replaced at this moment; read it again
        }
    }
}
