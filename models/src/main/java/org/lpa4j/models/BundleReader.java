package org.lpa4j.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.io.AtomicDirectories;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Reads a bundle on the host and checks that every part agrees before anything reaches a backend: the folder holds
 * exactly the manifest and the weights, the format is one this library reads, the weights have the hash the manifest
 * names and are a complete safetensors file, the architecture is registered, and its hyperparameters build a network
 * whose parameters are exactly the weights (names, shapes, element type) and whose input and outputs the manifest describes,
 * and the manifest has the digest it records ({@link BundleIntegrity}). A bundle an interrupted replacement moved aside
 * is restored first ({@link AtomicDirectories#restoreInterrupted}).
 */
final class BundleReader {
    /** A bundle whose parts agree: the manifest, the rebuilt network and its weights in the network's order. */
    record VerifiedBundle(ModelManifest manifest, ResidualNetwork network, ParameterSet parameters) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(BundleReader.class);
    private final Architectures architectures;

    BundleReader(Architectures architectures) {
        this.architectures = architectures;
    }

    VerifiedBundle read(Path dir) throws IOException {
        AtomicDirectories.restoreInterrupted(dir);
        if (!Files.isDirectory(dir)) {
            throw new BundleException("There is no saved model at " + dir + (Files.exists(dir) ? " (it is a file, not a folder)" : "")
                    + "; give the folder a model was saved into.");
        }
        checkFiles(dir);
        JsonNode tree = readTree(dir);
        ModelManifest manifest = readManifest(dir, tree);
        Path weightsFile = dir.resolve(Models.WEIGHTS_FILE);
        String actual = Sha256.of(weightsFile);
        if (manifest.weights() == null || !actual.equals(manifest.weights().sha256())) {
            throw new BundleException("The weights file " + weightsFile + " has SHA-256 " + actual + " but " + Models.MANIFEST_FILE
                    + " names " + (manifest.weights() == null ? "no hash" : manifest.weights().sha256()) + ": the weights were changed, or"
                    + " the folder mixes two saved models. Save the model again.");
        }
        SafeTensors.Contents contents = SafeTensors.read(weightsFile);
        ResidualNetwork network = rebuild(dir, manifest);
        ParameterSet parameters = matchParameters(dir, manifest, network, contents.tensors());
        checkInput(dir, manifest, network);
        checkOutputNames(dir, manifest);
        checkDigest(dir, tree, manifest);
        return new VerifiedBundle(manifest, network, parameters);
    }

    /** The manifest must have the digest it records (format 3 on); an older bundle has none and loads with a log line saying so. */
    private static void checkDigest(Path dir, JsonNode tree, ModelManifest manifest) {
        if (manifest.formatVersion() < Models.INTEGRITY_FORMAT) {
            LOG.info("The model at {} was saved in bundle format {}, before bundles carried a digest and probe outputs: it is loaded"
                    + " without the check that it is unchanged since it was saved. Save it again to add them.", dir, manifest.formatVersion());
            return;
        }
        if (manifest.integrity() == null || manifest.integrity().digest() == null || manifest.integrity().probes() == null) {
            throw new BundleException("The manifest of " + dir + " (bundle format " + manifest.formatVersion() + ") lacks its integrity"
                    + " record (digest and probes); the manifest was edited. Save the model again.");
        }
        String actual = BundleIntegrity.digest(tree);
        if (!actual.equals(manifest.integrity().digest())) {
            throw new BundleException("The manifest of " + dir + " was changed after the model was saved: its content has digest " + actual
                    + " but it records " + manifest.integrity().digest() + " (everything but exit_policy is covered: hyperparameters,"
                    + " labels, vocabulary, preprocessing, the weights' hash). Save the model again, rather than editing model.json.");
        }
    }

    private static void checkFiles(Path dir) throws IOException {
        Set<String> present = new TreeSet<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString()).filter(f -> !AtomicDirectories.isWritersOwn(f)).forEach(present::add);
        }
        Set<String> expected = Set.of(Models.MANIFEST_FILE, Models.WEIGHTS_FILE);
        List<String> missing = expected.stream().filter(f -> !present.contains(f)).sorted().toList();
        List<String> extra = present.stream().filter(f -> !expected.contains(f)).toList();
        if (!missing.isEmpty()) {
            throw new BundleException("The folder " + dir + " is not a complete saved model: " + String.join(" and ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " missing (a saved model holds exactly " + Models.MANIFEST_FILE + " and "
                    + Models.WEIGHTS_FILE + "). Save the model again.");
        }
        if (!extra.isEmpty()) {
            throw new BundleException("The saved model at " + dir + " holds files that are no part of it: " + String.join(", ", extra)
                    + " (a saved model holds exactly " + Models.MANIFEST_FILE + " and " + Models.WEIGHTS_FILE + "). Move them elsewhere.");
        }
    }

    private static JsonNode readTree(Path dir) throws IOException {
        Path file = dir.resolve(Models.MANIFEST_FILE);
        try {
            return ManifestJson.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new BundleException("The manifest " + file + " is not valid JSON (" + e.getOriginalMessage() + "). Save the model again.");
        }
    }

    private static ModelManifest readManifest(Path dir, JsonNode tree) {
        Path file = dir.resolve(Models.MANIFEST_FILE);
        if (tree == null || !tree.isObject() || !tree.path("format_version").canConvertToInt()) {
            throw new BundleException("The manifest " + file + " has no format_version; it is not an lpa4j saved model.");
        }
        int version = tree.get("format_version").asInt();
        if (version > Models.FORMAT_VERSION) {
            throw new BundleException("The model at " + dir + " was saved in bundle format " + version + ", newer than this lpa4j reads (up"
                    + " to " + Models.FORMAT_VERSION + "); load it with a newer lpa4j.");
        }
        if (version < 1) {
            throw new BundleException("The manifest " + file + " has format_version " + version + "; formats start at 1.");
        }
        ModelManifest manifest;
        try {
            manifest = ManifestJson.MAPPER.treeToValue(tree, ModelManifest.class);
        } catch (InvalidTypeIdException e) {
            throw new BundleException("The manifest " + file + " records an input preprocessing of kind '" + e.getTypeId() + "', which this"
                    + " lpa4j does not know (it knows " + ManifestJson.FEATURES + ", " + ManifestJson.GREY_IMAGES + " and " + ManifestJson.WORD_IDS
                    + "); load the model with the lpa4j that saved it, or a newer one.");
        } catch (JsonProcessingException e) {
            throw new BundleException("The manifest " + file + " does not describe a model (" + e.getOriginalMessage() + "). Save the model"
                    + " again.");
        }
        if (manifest.architecture() == null || manifest.architecture().name() == null || manifest.architecture().hyperparameters() == null
                || manifest.input() == null || manifest.output() == null || manifest.dtype() == null) {
            throw new BundleException("The manifest " + file + " lacks its architecture, hyperparameters, input, output or dtype. Save"
                    + " the model again.");
        }
        return manifest;
    }

    private ResidualNetwork rebuild(Path dir, ModelManifest manifest) {
        String name = manifest.architecture().name();
        if (!architectures.knows(name)) {
            throw new BundleException("The model at " + dir + " is a '" + name + "' network, but no architecture of that name is on the"
                    + " classpath (known: " + String.join(", ", architectures.names()) + "). Add the module that provides '" + name
                    + "' (its ArchitectureProvider registered in META-INF/services) to the classpath.");
        }
        ResidualNetwork network;
        try {
            network = architectures.rebuild(name, Hyperparameters.of(manifest.architecture().hyperparameters()));
        } catch (Lpa4jException e) {
            throw new BundleException("The manifest of " + dir + " does not describe a buildable network: " + e.getMessage()
                    + " Save the model again.", e);
        }
        if (network.depth() != manifest.depth()) {
            throw new BundleException("The manifest of " + dir + " says depth " + manifest.depth() + " but its hyperparameters build a"
                    + " network of depth " + network.depth() + "; the manifest was edited. Save the model again.");
        }
        return network;
    }

    private static ParameterSet matchParameters(Path dir, ModelManifest manifest, ResidualNetwork network, Map<String, HostTensor> weights) {
        List<String> problems = new ArrayList<>();
        Map<String, HostTensor> ordered = new LinkedHashMap<>();
        for (ParameterSpec spec : network.parameters()) {
            HostTensor w = weights.get(spec.name());
            if (w == null) {
                problems.add("'" + spec.name() + "' " + spec.shape() + " is missing");
            } else if (!w.shape().equals(spec.shape())) {
                problems.add("'" + spec.name() + "' is " + w.shape() + " in the weights but " + spec.shape() + " in the network");
            } else if (w.dtype() != manifest.dtype()) {
                problems.add("'" + spec.name() + "' is " + w.dtype() + " but the manifest says " + manifest.dtype());
            } else {
                ordered.put(spec.name(), w);
            }
        }
        Set<String> expected = ParameterSpec.names(network.parameters());
        weights.keySet().stream().filter(n -> !expected.contains(n)).forEach(n -> problems.add("'" + n + "' is no parameter of the network"));
        if (!problems.isEmpty()) {
            throw new BundleException("The weights of " + dir + " are not exactly the parameters of the '" + network.name() + "' network"
                    + " the manifest describes (hyperparameters " + manifest.architecture().hyperparameters() + "): "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size()))) + (problems.size() > 5 ? "; and "
                    + (problems.size() - 5) + " more" : "") + ". The manifest was edited or the weights belong to another model;"
                    + " save the model again.");
        }
        for (Map.Entry<String, HostTensor> e : ordered.entrySet()) {
            int bad = e.getValue().firstNonFiniteIndex();
            if (bad >= 0) {
                throw new BundleException("Parameter '" + e.getKey() + "' in " + dir + " holds " + e.getValue().getDouble(bad)
                        + "; the weights are damaged. Save the model again.");
            }
        }
        return ParameterSet.of(ordered);
    }

    private static void checkInput(Path dir, ModelManifest manifest, ResidualNetwork network) {
        InputSpec spec = network.input();
        ModelManifest.Input in = manifest.input();
        Shape example = Shape.of(in.exampleShape() == null ? new int[0] : in.exampleShape());
        Shape networkExample = Shape.of(java.util.Arrays.copyOfRange(spec.shape().dims(), 1, spec.shape().rank()));
        if (in.dtype() != spec.dtype() || !example.equals(networkExample)) {
            throw new BundleException("The manifest of " + dir + " says one example is " + in.dtype() + " " + example + " but the network"
                    + " reads " + spec.dtype() + " " + networkExample + "; the manifest was edited. Save the model again.");
        }
        String misfit = in.preprocessing() == null ? null : in.preprocessing().misfit(manifest.taskShape());
        if (misfit != null) {
            throw new BundleException("The input preprocessing in the manifest of " + dir + " does not fit the model: " + misfit + "; the"
                    + " manifest was edited. Save the model again.");
        }
        if (in.vocabulary() != null && in.vocabulary().size() != in.vocabularySize()) {
            throw new BundleException("The manifest of " + dir + " lists " + in.vocabulary().size() + " input tokens for "
                    + in.vocabularySize() + " token ids; the manifest was edited. Save the model again.");
        }
    }

    private static void checkOutputNames(Path dir, ModelManifest manifest) {
        ModelManifest.Output out = manifest.output();
        if (out.kind() == null || out.size() <= 0) {
            throw new BundleException("The manifest of " + dir + " gives no output kind or a non-positive output size. Save the model again.");
        }
        if (out.labels() != null && out.labels().size() != out.size()) {
            throw new BundleException("The manifest of " + dir + " names " + out.labels().size() + " outputs ("
                    + (out.kind() == org.lpa4j.api.data.OutputKind.NEXT_TOKEN ? "its vocabulary" : "its labels") + ") but the model has "
                    + out.size() + " outputs; the vocabulary does not match the model. Save the model again.");
        }
    }
}
