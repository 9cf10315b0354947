package org.lpa4j.models;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.lpa4j.api.data.TaskShape;
import org.lpa4j.api.io.AtomicDirectories;
import org.lpa4j.api.io.FolderExistsException;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.input.InputPreprocessing;

/**
 * Writes a bundle as a whole ({@link AtomicDirectories}): weights first and the manifest (naming the weights' hash, with
 * its digest and the model's probe outputs, {@link BundleIntegrity}) last, into a hidden sibling folder renamed into
 * place, so the target is either the complete new bundle or what it was before.
 */
final class BundleWriter {
    private final Architectures architectures;

    BundleWriter(Architectures architectures) {
        this.architectures = architectures;
    }

    void write(ProgressiveModel model, ModelManifest description, Path dir, boolean replaceExisting) throws IOException {
        ResidualNetwork network = model.network();
        if (model.depth() != network.depth()) {
            throw new BundleException("This model is a depth-" + model.depth() + " view of a depth-" + network.depth() + " network; save the"
                    + " full model (every depth is saved, and any depth can be read from it after loading).");
        }
        Hyperparameters hyperparameters = architectures.describe(network);
        checkDescription(description);
        write(network, model.parameters(), (dtype, sha) -> complete(network, hyperparameters, dtype, description, sha),
                input -> BundleIntegrity.probes(model, input), dir, replaceExisting);
    }

    /**
     * Writes {@code parameters} of {@code network} with the manifest {@code manifest} makes from their element type and
     * SHA-256, completed with its digest and the probe outputs {@code probes} gives for its input.
     */
    void write(ResidualNetwork network, ParameterSet parameters, BiFunction<DType, String, ModelManifest> manifest,
               Function<ModelManifest.Input, ModelManifest.Probes> probes, Path dir, boolean replaceExisting) throws IOException {
        DType dtype = checkParameters(network, parameters);
        Path target = dir.toAbsolutePath().normalize();
        try {
            AtomicDirectories.write(target, replaceExisting, staging -> {
                Path weights = staging.resolve(Models.WEIGHTS_FILE);
                SafeTensors.write(parameters.asMap(), Map.of("format", "lpa4j", "architecture", network.name()), weights);
                force(weights);
                ModelManifest plain = manifest.apply(dtype, Sha256.of(weights));
                String digest = BundleIntegrity.digest(ManifestJson.MAPPER.readTree(ManifestJson.MAPPER.writeValueAsBytes(plain)));
                ModelManifest complete = plain.withIntegrity(new ModelManifest.Integrity(digest, probes.apply(plain.input())));
                Path json = staging.resolve(Models.MANIFEST_FILE);
                try (OutputStream out = Files.newOutputStream(json, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ManifestJson.MAPPER.writeValue(out, complete);
                }
                force(json);
            });
        } catch (FolderExistsException e) {
            throw new BundleException(e.occupant() == org.lpa4j.api.io.Occupant.RESULT ? "A saved model (or another lpa4j result) already"
                    + " exists at " + target + "; it is kept. Choose another folder, or ask for it to be replaced." : e.getMessage(), e);
        }
    }

    private static DType checkParameters(ResidualNetwork network, ParameterSet parameters) {
        Set<String> expected = ParameterSpec.names(network.parameters());
        if (!expected.equals(parameters.names())) {
            throw new BundleException("The model's weights " + parameters.names() + " are not exactly the parameters of its network "
                    + expected + "; a model is saved with the weights of its own network.");
        }
        DType dtype = null;
        for (Map.Entry<String, HostTensor> e : parameters.asMap().entrySet()) {
            if (dtype != null && e.getValue().dtype() != dtype) {
                throw new BundleException("The model's weights mix " + dtype + " and " + e.getValue().dtype() + " (parameter '" + e.getKey()
                        + "'); a saved model has one element type.");
            }
            dtype = e.getValue().dtype();
            int bad = e.getValue().firstNonFiniteIndex();
            if (bad >= 0) {
                throw new BundleException("Parameter '" + e.getKey() + "' holds " + e.getValue().getDouble(bad) + " at index " + bad
                        + "; a diverged model is not saved. Train it again with a smaller learning rate.");
            }
        }
        return dtype == null ? DType.FLOAT32 : dtype;
    }

    private static void checkDescription(ModelManifest description) {
        TaskShape task = description.taskShape();
        List<String> labels = description.output().labels();
        if (labels != null && labels.size() != task.outputs()) {
            throw new BundleException("The model has " + task.outputs() + " outputs but " + labels.size() + " labels were given; give one"
                    + " label per output.");
        }
        List<String> vocabulary = description.input().vocabulary();
        if (vocabulary != null && vocabulary.size() != task.vocabulary()) {
            throw new BundleException("The model reads " + task.vocabulary() + " token ids but an input vocabulary of " + vocabulary.size()
                    + " tokens was given; give one token per id.");
        }
        InputPreprocessing preprocessing = description.input().preprocessing();
        String misfit = preprocessing == null ? null : preprocessing.misfit(task);
        if (misfit != null) {
            throw new BundleException("The input preprocessing given does not fit the model: " + misfit + "; give the preprocessing of the"
                    + " task the model was trained on.");
        }
    }

    /** {@code description} completed with what the network and its weights say, and the library's version and the date. */
    private static ModelManifest complete(ResidualNetwork network, Hyperparameters hyperparameters, DType dtype, ModelManifest description,
                                          String weightsSha256) {
        ModelManifest.Input in = description.input();
        ModelManifest.Input input = new ModelManifest.Input(network.input().name(), network.input().dtype(), in.exampleShape(), in.tokens(),
                in.vocabularySize(), in.vocabulary(), in.preprocessing());
        ModelManifest.Provenance p = description.provenance() == null
                ? new ModelManifest.Provenance(null, null, null, null, null, null, null, null) : description.provenance();
        ModelManifest.Provenance provenance = new ModelManifest.Provenance(Lpa4jVersion.get(), p.backend(), p.engineVersion(), p.seed(),
                p.dataset(), p.taskOptions(), p.datasetSha256(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        ModelManifest.Training training = description.training() == null ? new ModelManifest.Training(null, null, null) : description.training();
        return new ModelManifest(Models.FORMAT_VERSION, new ModelManifest.Architecture(network.name(), hyperparameters.asMap()), input,
                description.output(), dtype, network.depth(), training, provenance, description.metrics() == null ? List.of()
                : description.metrics(), new ModelManifest.Weights(Models.WEIGHTS_FILE, weightsSha256), description.lineage(),
                description.exitPolicy(), null);
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
