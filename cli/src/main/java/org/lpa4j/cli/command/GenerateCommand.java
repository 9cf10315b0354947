package org.lpa4j.cli.command;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Discovery;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.inference.Decoding;
import org.lpa4j.api.inference.SpeculativeDecoder;
import org.lpa4j.api.inference.TokenSampler;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.cli.option.BackendOption;
import org.lpa4j.cli.option.DepthConverter;
import org.lpa4j.datasets.text.CharacterVocabulary;
import org.lpa4j.models.LoadedModel;
import org.lpa4j.models.ModelManifest;
import org.lpa4j.models.ModelBundles;
import org.lpa4j.models.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lpa4j generate}: text sampled ({@link TokenSampler}) or decoded ({@link SpeculativeDecoder}) from a saved
 * character model (a bundle folder, or the {@code --out} folder of a {@code fit} with {@code --trainer} choosing its
 * bundle): the command turns the prompt into token ids and the tokens back into text, and prints.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sample text from a character model saved by 'lpa4j fit --task moby', at its full depth, at one depth"
                + " (--depth K) or at every depth (--every-depth).")
public final class GenerateCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin org.lpa4j.cli.option.ThreadsOption threads;
    private final Discovery discovery;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "a saved model (OUT/lpa), or the --out folder of a 'fit --task moby' run with --trainer")
    Path model;
    @Option(names = "--depth", paramLabel = "K", converter = DepthConverter.class, description = "sample from the readout at depth K (the"
            + " network of the first K blocks, 1..L) (default: L, the whole model)")
    Integer depth;
    @Option(names = "--every-depth", description = "sample from every depth 1..L in turn, one text each")
    boolean everyDepth;
    @Option(names = "--prompt", required = true, description = "the text to continue (characters of the training vocabulary)")
    String prompt;
    /** The most tokens drafted per round of speculative decoding. */
    static final int MAX_DRAFT_LENGTH = 256;

    @Option(names = "--length", defaultValue = "200", description = "characters to generate (default ${DEFAULT-VALUE})")
    int length;
    @Option(names = "--seed", defaultValue = "0", description = "seed of the sampling (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--temperature", defaultValue = "" + TokenSampler.DEFAULT_TEMPERATURE, description = "softmax temperature, > 0; lower is more conservative (default ${DEFAULT-VALUE})")
    double temperature;
    @Option(names = "--trainer", defaultValue = "lpa", description = "with --model OUT: whose saved model, OUT/lpa or OUT/e2e (default ${DEFAULT-VALUE})")
    String trainer;
    @Option(names = "--draft-depth", description = "self-speculative greedy decoding: draft with this depth's readout, verify with the"
            + " full depth in one pass; prints the text (identical to full-depth greedy), tokens per second of both and the acceptance rate")
    Integer draftDepth;
    @Option(names = "--draft-length", defaultValue = "4", description = "with --draft-depth: tokens drafted per round (default ${DEFAULT-VALUE})")
    int draftLength;
    @Mixin
    BackendOption backend;

    /** Saving and loading with the bound architectures and backends. */
    private final ModelBundles bundles;

    @Inject
    GenerateCommand(Discovery discovery, ModelBundles bundles) {
        this.bundles = bundles;
        this.discovery = discovery;
    }

    @Override
    public Integer call() throws Exception {
        TokenSampler.check(length, temperature);
        if (draftLength < 1 || draftLength > MAX_DRAFT_LENGTH) {
            throw new Lpa4jException("--draft-length must be between 1 and " + MAX_DRAFT_LENGTH + " tokens but is " + draftLength + ".");
        }
        if (everyDepth && depth != null) {
            throw new Lpa4jException("--depth " + depth + " samples from one depth and --every-depth from each; give one of them.");
        }
        if (draftDepth != null && (everyDepth || depth != null)) {
            throw new Lpa4jException("--draft-depth decodes greedily with the whole model, drafting at depth " + draftDepth + "; drop "
                    + (everyDepth ? "--every-depth" : "--depth " + depth) + ".");
        }
        Path bundle = bundleFolder();
        ModelManifest manifest = bundles.inspect(bundle);
        if (manifest.output().kind() != OutputKind.NEXT_TOKEN || !manifest.input().tokens()) {
            throw new Lpa4jException("The model in " + bundle + " is a '" + manifest.architecture().name() + "' network for "
                    + manifest.output().kind() + " (data set " + manifest.provenance().dataset() + "); generate needs a character model:"
                    + " 'lpa4j fit --task moby --arch transformer'.");
        }
        CharacterVocabulary vocabulary;
        try {
            vocabulary = CharacterVocabulary.fromLabels(manifest.output().labels());
        } catch (Lpa4jException e) {
            throw new Lpa4jException("The model at " + bundle + " does not record a character vocabulary (" + e.getMessage() + "); generate"
                    + " needs a character model trained with 'lpa4j fit --task moby --arch transformer'.", e);
        }
        int[] ids = vocabulary.encodeKnown(prompt);
        List<Integer> depths = depths(manifest.depth());
        PrintWriter out = spec.commandLine().getOut();
        try (Backend b = backend.open(discovery);
             LoadedModel loaded = bundles.load(bundle, b)) {
            ProgressiveModel model = loaded.model();
            if (draftDepth != null) {
                speculative(model, vocabulary, ids, out);
                return 0;
            }
            TokenSampler sampler = new TokenSampler(model);
            for (int k : depths) {
                out.println("--- depth " + k + " of " + model.depth() + " ---");
                out.println(prompt + vocabulary.decode(sampler.sample(ids, length, k, temperature, seed)));
                out.flush();
            }
        }
        return 0;
    }

    /** Greedy text drafted at {@code --draft-depth} and verified at full depth, timed against plain full-depth greedy decoding. */
    private void speculative(ProgressiveModel model, CharacterVocabulary vocabulary, int[] ids, PrintWriter out) {
        SpeculativeDecoder.Comparison c = new SpeculativeDecoder(model).compare(ids, length, draftDepth, draftLength);
        Decoding plain = c.plain();
        Decoding fast = c.speculative();
        out.println("--- greedy, depth " + model.depth() + " of " + model.depth() + ", drafted at depth " + draftDepth + " ---");
        out.println(prompt + vocabulary.decode(fast.tokens()));
        out.printf(Locale.ROOT, "full-depth greedy: %.1f tokens/s; self-speculative (draft depth %d, %d tokens per round): %.1f tokens/s"
                + " (%.2fx); acceptance rate %.1f%% (%d of %d drafted); %d full-depth passes instead of %d; text identical to full-depth"
                + " greedy: %s%n", plain.tokensPerSecond(), draftDepth, draftLength, fast.tokensPerSecond(), c.speedup(),
                100 * fast.acceptanceRate(), fast.accepted(), fast.drafted(), fast.fullPasses(), plain.fullPasses(), c.identical() ? "yes" : "NO");
        out.flush();
    }

    /** {@code --model} itself when it is a saved model, else its {@code --trainer} bundle when it is a fit's output folder. */
    private Path bundleFolder() {
        if (Files.isRegularFile(model.resolve(Models.MANIFEST_FILE))) {
            return model;
        }
        if (Files.isRegularFile(model.resolve("report.json"))) {
            Path bundle = model.resolve(trainer);
            if (!Files.isDirectory(bundle)) {
                throw new Lpa4jException("The fit output " + model + " has no saved model of trainer '" + trainer + "' (no folder "
                        + bundle + "); choose --trainer among the trainers that run used.");
            }
            return bundle;
        }
        throw new Lpa4jException("The folder " + model + " is neither a saved model (it has no " + Models.MANIFEST_FILE + ") nor the --out"
                + " folder of a fit (it has no report.json); pass a folder written by 'lpa4j fit --task moby --arch transformer'.");
    }

    /** The depths to sample from: every one with {@code --every-depth}, else {@code --depth} or the model's own. */
    private List<Integer> depths(int networkDepth) {
        if (!everyDepth) {
            return List.of(depth == null ? networkDepth : DepthConverter.within(depth, networkDepth));
        }
        List<Integer> out = new ArrayList<>();
        for (int k = 1; k <= networkDepth; k++) {
            out.add(k);
        }
        return out;
    }
}
