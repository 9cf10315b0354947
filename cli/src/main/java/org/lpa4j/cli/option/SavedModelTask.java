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
 * The task a saved model was trained on, rebuilt from its manifest: the data set's name and the options its data was
 * taken with (seed, examples, limit, context, element type; bundle format 2 records them all). A model saved before
 * that records no examples and limit, so {@code --examples} and {@code --limit} (a picocli mixin of the commands that
 * need the splits) say them. The rebuilt data must have the fingerprint the manifest names, so a model is never
 * evaluated on other data than its own splits.
 */
public final class SavedModelTask {
    @Option(names = "--examples", description = "only for a model saved before its data options were recorded: examples of a surface"
            + " task, as given to fit (default 4000)")
    Integer examples;
    @Option(names = "--limit", description = "only for a model saved before its data options were recorded: training examples of a"
            + " fetched data set, as given to fit, 0 = all (default 0)")
    Integer limit;

    /** The splits of the task {@code model} (with {@code manifest}) was trained on, or a sentence saying why they cannot be rebuilt. */
    public LoadedTask load(Tasks tasks, ModelManifest manifest, Path model) {
        ModelManifest.Provenance p = manifest.provenance();
        if (p == null || p.dataset() == null) {
            throw new Lpa4jException("The saved model at " + model + " does not name the data set it was trained on, so its test split"
                    + " cannot be rebuilt; save it with its data set (lpa4j fit does).");
        }
        TaskOptions options = p.taskOptions() != null ? recorded(p.taskOptions(), model) : given(manifest);
        LoadedTask task = tasks.load(p.dataset(), options);
        String sha = DataFingerprint.sha256(task.data());
        if (p.datasetSha256() != null && !p.datasetSha256().equals(sha)) {
            throw new Lpa4jException("The data rebuilt for task " + p.dataset() + " (seed " + options.seed() + ", --examples "
                    + options.examples() + ", --limit " + options.limit() + ") is not the data the model at " + model + " was trained on"
                    + " (SHA-256 " + sha + " instead of " + p.datasetSha256() + "); " + (p.taskOptions() != null ? "the data set in the cache"
                    + " changed since the model was trained (run scripts/fetch-data.sh " + p.dataset() + " to check it)."
                    : "pass the --examples and --limit that fit used."));
        }
        return task;
    }

    /** The options the manifest records; a flag that says otherwise is refused rather than silently ignored. */
    private TaskOptions recorded(TaskOptions options, Path model) {
        if ((examples != null && examples != options.examples()) || (limit != null && limit != options.limit())) {
            throw new Lpa4jException("The model at " + model + " records the data it was trained on (--examples " + options.examples()
                    + ", --limit " + options.limit() + "); drop --examples and --limit, which only older models need.");
        }
        return options;
    }

    /** The options of a model saved before they were recorded: seed, element type and context from the manifest, the rest from the flags. */
    private TaskOptions given(ModelManifest manifest) {
        TaskOptions defaults = TaskOptions.defaults();
        int context = manifest.input().tokens() ? manifest.input().exampleShape()[0] : defaults.context();
        long seed = manifest.provenance().seed() == null ? 0 : manifest.provenance().seed();
        return new TaskOptions(seed, examples == null ? defaults.examples() : examples, limit == null ? defaults.limit() : limit, context,
                manifest.dtype());
    }
}
