package org.lpa4j.cli.command;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lpa4j.cli.option.DepthConverter;
import org.lpa4j.models.ModelBundles;
import org.lpa4j.models.ModelManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lpa4j slice}: a saved model cut to depth k ({@link ModelBundles#slice}), holding only the stem, blocks 1..k and the head. */
@Command(name = "slice", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Cut a saved model to depth k: a new model folder with only the stem, blocks 1..k and the head, which predicts"
                + " exactly what the saved model does at depths 1..k. Needs no data and no training.")
public final class SliceCommand implements Callable<Integer> {
    private final ModelBundles bundles;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "a saved model folder")
    Path model;
    @Option(names = "--depth", required = true, paramLabel = "K", converter = DepthConverter.class, description = "the network of the"
            + " first K blocks to keep (1..the model's depth)")
    int depth;
    @Option(names = "--out", required = true, description = "the new model folder (must not exist)")
    Path out;
    @picocli.CommandLine.Mixin org.lpa4j.cli.option.ThreadsOption threads;

    @Inject
    SliceCommand(ModelBundles bundles) {
        this.bundles = bundles;
    }

    @Override
    public Integer call() {
        ModelManifest parent = bundles.inspect(model);
        ModelManifest sliced = bundles.slice(model, depth, out);
        PrintWriter w = spec.commandLine().getOut();
        w.println("Saved depths 1.." + sliced.depth() + " of " + model + " (depth " + parent.depth() + ", weights " + shortHash(parent)
                + ") into " + out);
        if (parent.exitPolicy() != null) {
            w.println("  The saved exit policy was calibrated for depths 1.." + parent.depth() + " and is not carried over; run lpa4j"
                    + " evaluate --model " + out + " to calibrate one for this depth.");
        }
        w.flush();
        return 0;
    }

    static String shortHash(ModelManifest manifest) {
        return manifest.weights().sha256().substring(0, 12);
    }
}
