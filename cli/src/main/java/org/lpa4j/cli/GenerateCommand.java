package org.lpa4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.compile.CompiledForward;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterFiles;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.cli.output.ReportWriter;
import org.lpa4j.datasets.text.CharacterLanguageModel;
import org.lpa4j.datasets.text.CharacterVocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lpa4j generate}: samples text from the readout of one depth (or every depth) of a saved character model. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sample text from a character model saved by 'lpa4j fit --task moby', at one depth or at every depth.")
final class GenerateCommand implements Callable<Integer> {
    private final ArchitectureCatalog architectures;
    private final ReportWriter reports;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "the --out folder of a 'fit --task moby' run")
    Path model;
    @Option(names = "--depth", defaultValue = "all", description = "the readout to sample from: 1..L, or all (default ${DEFAULT-VALUE})")
    String depth;
    @Option(names = "--prompt", required = true, description = "the text to continue (characters of the training vocabulary)")
    String prompt;
    @Option(names = "--length", defaultValue = "200", description = "characters to generate (default ${DEFAULT-VALUE})")
    int length;
    @Option(names = "--seed", defaultValue = "0", description = "seed of the sampling (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--temperature", defaultValue = "0.8", description = "softmax temperature, > 0; lower is more conservative (default ${DEFAULT-VALUE})")
    double temperature;
    @Option(names = "--trainer", defaultValue = "lpa", description = "whose weights: lpa or e2e (default ${DEFAULT-VALUE})")
    String trainer;
    @Mixin
    BackendOption backend;

    @Inject
    GenerateCommand(ArchitectureCatalog architectures, ReportWriter reports) {
        this.architectures = architectures;
        this.reports = reports;
    }

    @Override
    public Integer call() throws Exception {
        if (length < 1) {
            throw new Lpa4jException("--length must be at least 1 but is " + length + ".");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new Lpa4jException("--temperature must be a positive number but is " + temperature + ".");
        }
        if (!trainer.equals("lpa") && !trainer.equals("e2e")) {
            throw new Lpa4jException("Unknown --trainer '" + trainer + "'. Use lpa or e2e.");
        }
        FitOptions options = readOptions();
        CharacterVocabulary vocabulary = readVocabulary();
        requireKnownCharacters(vocabulary);
        TaskShape shape = new TaskShape(new int[] {options.context()}, true, vocabulary.size(), vocabulary.size(), OutputKind.NEXT_TOKEN);
        ResidualNetwork network = architectures.require(options.arch()).create(shape, options);
        List<Integer> depths = depths(network.depth());
        ParameterSet weights = readWeights(network);
        PrintWriter out = spec.commandLine().getOut();
        try (Backend b = backend.open();
             VariableStore store = b.createVariables(weights)) {
            for (int k : depths) {
                try (CompiledForward readout = store.compileForward(List.of(network.input()),
                        (ops, p, in) -> List.of(network.readout(ops, p, in.get(0), k)))) {
                    String text = new TextSampler(readout, vocabulary, options.context()).continuation(prompt, length, temperature,
                            new SplittableRandom(seed));
                    out.println("--- depth " + k + " of " + network.depth() + " ---");
                    out.println(prompt + text);
                    out.flush();
                }
            }
        }
        return 0;
    }

    private FitOptions readOptions() {
        Path file = model.resolve("fit-options.json");
        if (!Files.isRegularFile(file)) {
            throw new Lpa4jException("The model folder " + model + " has no fit-options.json; pass the --out folder of a finished"
                    + " 'lpa4j fit --task moby --arch transformer' run.");
        }
        FitOptions o;
        try {
            o = reports.readJson(file, FitOptions.class);
        } catch (IOException e) {
            throw new Lpa4jException("The file " + file + " is corrupt (" + e.getMessage().lines().findFirst().orElse("") + "); run fit again.");
        }
        if (!Files.isRegularFile(model.resolve(CharacterLanguageModel.VOCABULARY_FILE)) || !"transformer".equals(o.arch())) {
            throw new Lpa4jException("The model in " + model + " was trained on task " + o.task() + " with --arch " + o.arch()
                    + "; generate needs a character model: 'lpa4j fit --task moby --arch transformer'.");
        }
        return o;
    }

    private CharacterVocabulary readVocabulary() {
        Path file = model.resolve(CharacterLanguageModel.VOCABULARY_FILE);
        if (!Files.isRegularFile(file)) {
            throw new Lpa4jException("The model folder " + model + " has no " + CharacterLanguageModel.VOCABULARY_FILE + "; run 'lpa4j fit --task moby' again"
                    + " with --out " + model + ".");
        }
        try {
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            JsonNode symbols = json == null ? null : json.get("symbols");
            if (symbols == null || !symbols.isTextual()) {
                throw new Lpa4jException("The file " + file + " is corrupt: it has no \"symbols\" string; run fit again.");
            }
            return CharacterVocabulary.fromSymbols(symbols.asText());
        } catch (IOException e) {
            throw new Lpa4jException("The file " + file + " is corrupt (" + e.getMessage().lines().findFirst().orElse("") + "); run fit again.");
        }
    }

    private void requireKnownCharacters(CharacterVocabulary vocabulary) {
        TreeSet<String> unknown = new TreeSet<>();
        prompt.codePoints().filter(c -> !vocabulary.contains(c)).forEach(c -> unknown.add(Character.toString(c)));
        if (!unknown.isEmpty()) {
            throw new Lpa4jException("The prompt has characters the model never saw in training: " + String.join(" ", unknown)
                    + ". Use only characters of the training text.");
        }
        if (prompt.isEmpty()) {
            throw new Lpa4jException("--prompt needs at least one character.");
        }
    }

    private List<Integer> depths(int networkDepth) {
        List<Integer> out = new ArrayList<>();
        if (depth.equals("all")) {
            for (int k = 1; k <= networkDepth; k++) {
                out.add(k);
            }
            return out;
        }
        int k;
        try {
            k = Integer.parseInt(depth.trim());
        } catch (NumberFormatException e) {
            throw new Lpa4jException("--depth must be a number in 1.." + networkDepth + " or 'all' but is '" + depth + "'.");
        }
        if (k < 1 || k > networkDepth) {
            throw new Lpa4jException("--depth " + k + " is outside 1.." + networkDepth + " of this model.");
        }
        out.add(k);
        return out;
    }

    private ParameterSet readWeights(ResidualNetwork network) throws IOException {
        ParameterSet weights = ParameterFiles.read(model.resolve(trainer + "-weights.bin"));
        for (ParameterSpec s : network.parameters()) {
            if (!weights.contains(s.name()) || !weights.get(s.name()).shape().equals(s.shape())) {
                throw new Lpa4jException("The weights in " + model.resolve(trainer + "-weights.bin") + " do not fit the network described by"
                        + " fit-options.json (parameter '" + s.name() + "' " + s.shape() + " is " + (weights.contains(s.name())
                        ? weights.get(s.name()).shape().toString() : "missing") + "); the folder mixes two runs, run fit again.");
            }
        }
        return weights;
    }
}
