package org.lpa4j.cli.fit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.training.Checkpointing;
import org.lpa4j.models.CheckpointFiles;
import org.lpa4j.trainers.separate.SeparateDepthsTrainer;

/**
 * The checkpoints of one fit: a folder {@code OUT.checkpoint} beside {@code --out} with a part per seed and trainer,
 * written by time ({@code --checkpoint-minutes}) or every few epochs ({@code --checkpoint-every}), read by
 * {@code --resume OUT}, and removed once the fit has written OUT. Kept apart from the fit's loop so it moves as one piece.
 */
final class FitCheckpoints {
    private final CheckpointFiles root;
    private final Checkpointing checkpointing;

    private FitCheckpoints(CheckpointFiles root, Checkpointing checkpointing) {
        this.root = root;
        this.checkpointing = checkpointing;
    }

    /** The checkpoints of a fit into {@code outDir} under {@code o}; with {@code --resume}, the folder must be there. */
    static FitCheckpoints of(FitOptions o, Path outDir) {
        if (o.checkpointEvery() < 0) {
            throw new Lpa4jException("--checkpoint-every must be 0 (by time only) or a number of epochs, not " + o.checkpointEvery() + ".");
        }
        if (!(o.checkpointMinutes() >= 0) || Double.isInfinite(o.checkpointMinutes())) {
            throw new Lpa4jException("--checkpoint-minutes must be 0 (never by time) or a positive number of minutes, not "
                    + o.checkpointMinutes() + ".");
        }
        CheckpointFiles root = new CheckpointFiles(outDir.resolveSibling(outDir.getFileName() + ".checkpoint"));
        if (o.resume() != null && !Files.isDirectory(root.dir())) {
            throw new Lpa4jException("There is no checkpoint of a fit into " + outDir + " to resume (" + root.dir() + " does not exist): the"
                    + " fit finished (its checkpoints are removed then), or it was stopped before its first checkpoint (after "
                    + o.checkpointMinutes() + " minutes, or --checkpoint-every epochs). Run the fit afresh.");
        }
        Duration every = o.checkpointMinutes() == 0 ? null : Duration.ofMillis(Math.round(o.checkpointMinutes() * 60_000));
        Checkpointing c = new Checkpointing(root, o.checkpointEvery(), every, o.resume() != null);
        return new FitCheckpoints(root, c);
    }

    /**
     * The checkpoints of one trainer's run for one seed; a resumed fit resumes the runs that wrote one and runs the others
     * afresh (the separate models decide per depth).
     */
    Checkpointing of(long seed, String trainer) {
        Checkpointing run = checkpointing.part("seed-" + seed).part(trainer);
        return trainer.equals(SeparateDepthsTrainer.NAME) ? run : run.resumingIfStored();
    }

    /** Removes the checkpoints, once the fit's results are written. */
    void delete() {
        root.delete();
    }
}
