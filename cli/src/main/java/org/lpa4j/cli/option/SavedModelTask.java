package org.lpa4j.cli.option;

import java.nio.file.Path;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.task.LoadedTask;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.task.Tasks;
import org.lpa4j.models.DataFingerprint;
import org.lpa4j.models.ModelManifest;
import picocli.CommandLine.Option;

/**
 * The task a saved model was trained on, rebuilt from its manifest (data set name, seed, element type, context) and the
 * data options that the manifest does not record ({@code --examples}, {@code --limit}: a picocli mixin of the commands
 * that need the splits); the rebuilt data must have the fingerprint the manifest names, so a model is never evaluated
 * on other data than its own splits.
 */
public final class SavedModelTask {
    @Option(names = "--examples", defaultValue = "4000", description = "as given to fit: examples of a surface task (default ${DEFAULT-VALUE})")
    int examples;
    @Option(names = "--limit", defaultValue = "0", description = "as given to fit: training examples of a fetched data set, 0 = all (default ${DEFAULT-VALUE})")
    int limit;

    /** The splits of the task {@code model} (with {@code manifest}) was trained on, or a sentence saying why they cannot be rebuilt. */
    public LoadedTask load(Tasks tasks, ModelManifest manifest, Path model) {
        ModelManifest.Provenance p = manifest.provenance();
        if (p == null || p.dataset() == null) {
            throw new Lpa4jException("The saved model at " + model + " does not name the data set it was trained on, so its test split"
                    + " cannot be rebuilt; save it with its data set (lpa4j fit does).");
        }
        int context = manifest.input().tokens() ? manifest.input().exampleShape()[0] : 0;
        long seed = p.seed() == null ? 0 : p.seed();
        TaskOptions options = new TaskOptions(seed, examples, limit, context > 0 ? context : TaskOptions.defaults().context(), manifest.dtype());
        LoadedTask task = tasks.load(p.dataset(), options);
        String sha = DataFingerprint.sha256(task.data());
        if (p.datasetSha256() != null && !p.datasetSha256().equals(sha)) {
            throw new Lpa4jException("The data rebuilt for task " + p.dataset() + " (seed " + seed + ", --examples " + examples + ", --limit "
                    + limit + ") is not the data the model at " + model + " was trained on (SHA-256 " + sha + " instead of "
                    + p.datasetSha256() + "); pass the --examples and --limit that fit used.");
        }
        return task;
    }
}
