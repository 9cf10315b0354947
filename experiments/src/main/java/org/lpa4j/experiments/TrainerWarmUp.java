package org.lpa4j.experiments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.spi.AbstractBackend;
import org.lpa4j.api.training.ProgressiveTrainer;
import org.lpa4j.api.training.TrainingConfig;
import org.lpa4j.api.training.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before an experiment's first timed training, trains each of its trainers on the first batches of the first seed's data,
 * untimed, on models of its own that are thrown away, so that the trainer timed first is not the one that pays for the
 * JVM compiling the trainers' code: in rounds until a round is no faster than the one before, never more steps than a
 * quarter of one training of each (none for shorter trainings), in the reverse of the timing order (the trainer timed
 * first then follows a training, as every later one does). Only for an experiment of two trainers or more, once per
 * trainer and backend per process; {@code -Dlpa4j.warmUp=false} turns it off with the backend's own.
 */
final class TrainerWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(TrainerWarmUp.class);
    /** Batches of the training data a warm-up trains on, and the epochs over them each trainer runs per round. */
    static final int BATCHES = 8;
    static final int ROUND_EPOCHS = 8;
    /** Rounds at most, settled or not, and never more than a training's steps over {@code SHARE}. */
    static final int MAX_ROUNDS = 4;
    static final long SHARE = 4;
    /** Settled: a round that took more than this share of the round before it (it no longer gets faster). */
    static final double SETTLED = 0.9;
    /** The backend and trainer names warmed up in this process. */
    private static final Set<String> WARMED_UP = ConcurrentHashMap.newKeySet();

    private TrainerWarmUp() {
    }

    /** Warms up {@code plan}'s trainers of one model each on {@code backend} unless done; returns the rounds run (0: none). */
    static int run(ExperimentRunner.Plan plan, Backend backend) {
        // One trainer has no other to be timed against; the backend's own warm-up serves it.
        if (plan.trainers().size() < 2 || "false".equalsIgnoreCase(System.getProperty(AbstractBackend.WARM_UP_PROPERTY, "").trim())) {
            return 0;
        }
        Experiment e = plan.experiment();
        List<ProgressiveTrainer> trainers = new ArrayList<>();
        for (ProgressiveTrainer t : plan.trainers().values()) {
            ResidualNetwork network = plan.networks().get(t.architecture(e.architecture()));
            if (!ExperimentRunner.isPerDepth(t.networks(network), network) && !WARMED_UP.contains(key(backend, t))) {
                trainers.add(t);
            }
        }
        if (trainers.isEmpty()) {
            return 0;
        }
        Collections.reverse(trainers);
        DataSplits all = plan.first().data();
        int batch = e.config().batchSize();
        DataSplits data = new DataSplits(all.task(), first(all.train(), BATCHES * batch), first(all.validation(), batch), first(all.test(), batch));
        int batchesPerEpoch = (all.train().size() + batch - 1) / batch;
        int batches = (data.train().size() + batch - 1) / batch;
        int epochs = Math.min(ROUND_EPOCHS, e.config().epochs());
        // A warm-up takes at most a quarter of a training's steps: none for a training too short to be worth one.
        int maxRounds = (int) Math.min(MAX_ROUNDS, (long) e.config().epochs() * batchesPerEpoch / (SHARE * epochs * batches));
        if (maxRounds == 0) {
            return 0;
        }
        TrainingConfig config = e.config().withSeed(e.seeds().get(0)).withEpochs(epochs);
        long start = System.nanoTime();
        int rounds = 0;
        double previous = Double.POSITIVE_INFINITY;
        double last;
        do {
            long wall = System.nanoTime();
            for (ProgressiveTrainer t : trainers) {
                ResidualNetwork network = plan.networks().get(t.architecture(e.architecture()));
                try (TrainingResult ignored = t.train(backend, network, data, config, plan.first().metric(), List.of())) {
                    // Thrown away: only what the process compiled and set up stays.
                }
            }
            rounds++;
            last = (System.nanoTime() - wall) / 1e9;
            if (last > SETTLED * previous) {
                break;
            }
            previous = last;
        } while (rounds < maxRounds);
        trainers.forEach(t -> WARMED_UP.add(key(backend, t)));
        LOG.info("Warmed up the trainers {} on {}: {} rounds of {} epochs over {} examples in {} s (the last round {} s)",
                trainers.stream().map(ProgressiveTrainer::name).toList(), backend.name(), rounds, epochs, data.train().size(),
                String.format("%.2f", (System.nanoTime() - start) / 1e9), String.format("%.2f", last));
        return rounds;
    }

    /** Whether this process warmed up the trainer {@code trainsLike} on the backend {@code backend}. */
    static boolean warmedUp(String backend, String trainsLike) {
        return WARMED_UP.contains(backend + "/" + trainsLike);
    }

    private static String key(Backend backend, ProgressiveTrainer trainer) {
        return backend.name() + "/" + trainer.trainsLike();
    }

    /** The first {@code n} examples of {@code d}, or all of them. */
    private static TensorDataset first(TensorDataset d, int n) {
        return d.size() <= n ? d : d.range(0, n);
    }
}
