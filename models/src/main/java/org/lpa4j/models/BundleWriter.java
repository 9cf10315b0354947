package org.lpa4j.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
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
import org.lpa4j.api.training.TrainingConfig;

/**
 * Writes a bundle as a whole ({@link AtomicDirectories}): weights first and the manifest (naming the weights' hash) last,
 * into a hidden sibling folder renamed into place, so the target is either the complete new bundle or what it was before.
 */
final class BundleWriter {
    private final Architectures architectures;

    BundleWriter(Architectures architectures) {
        this.architectures = architectures;
    }

    void write(ProgressiveModel model, ModelInfo info, Path dir, boolean replaceExisting) throws IOException {
        ResidualNetwork network = model.network();
        if (model.depth() != network.depth()) {
            throw new BundleException("This model is a depth-" + model.depth() + " view of a depth-" + network.depth() + " network; save the"
                    + " full model (every depth is saved, and any depth can be read from it after loading).");
        }
        Hyperparameters hyperparameters = architectures.describe(network);
        checkInfo(info);
        write(network, model.parameters(), (dtype, sha) -> manifest(network, hyperparameters, dtype, info, sha), dir, replaceExisting);
    }

    /** Writes {@code parameters} of {@code network} with the manifest {@code manifest} makes from their element type and SHA-256. */
    void write(ResidualNetwork network, ParameterSet parameters, BiFunction<DType, String, ModelManifest> manifest, Path dir,
               boolean replaceExisting) throws IOException {
        DType dtype = checkParameters(network, parameters);
        Path target = dir.toAbsolutePath().normalize();
        try {
            AtomicDirectories.write(target, replaceExisting, staging -> {
                Path weights = staging.resolve(Models.WEIGHTS_FILE);
                SafeTensors.write(parameters.asMap(), Map.of("format", "lpa4j", "architecture", network.name()), weights);
                force(weights);
                Path json = staging.resolve(Models.MANIFEST_FILE);
                try (OutputStream out = Files.newOutputStream(json, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ManifestJson.MAPPER.writeValue(out, manifest.apply(dtype, Sha256.of(weights)));
                }
                force(json);
            });
        } catch (FolderExistsException e) {
            throw new BundleException("A saved model (or other files) already exists at " + target + "; it is kept. Choose another folder,"
                    + " or ask for it to be replaced.", e);
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

    private static void checkInfo(ModelInfo info) {
        TaskShape task = info.task();
        List<String> labels = info.labels();
        if (labels != null && labels.size() != task.outputs()) {
            throw new BundleException("The model has " + task.outputs() + " outputs but " + labels.size() + " labels were given; give one"
                    + " label per output.");
        }
        if (info.inputVocabulary() != null && info.inputVocabulary().size() != task.vocabulary()) {
            throw new BundleException("The model reads " + task.vocabulary() + " token ids but an input vocabulary of "
                    + info.inputVocabulary().size() + " tokens was given; give one token per id.");
        }
        String misfit = info.preprocessing() == null ? null : info.preprocessing().misfit(task);
        if (misfit != null) {
            throw new BundleException("The input preprocessing given does not fit the model: " + misfit + "; give the preprocessing of the"
                    + " task the model was trained on.");
        }
    }

    private static ModelManifest manifest(ResidualNetwork network, Hyperparameters hyperparameters, DType dtype, ModelInfo info,
                                          String weightsSha256) {
        TaskShape task = info.task();
        TrainingConfig config = info.config();
        ModelManifest.Input input = new ModelManifest.Input(network.input().name(), network.input().dtype(), task.example(), task.tokens(),
                task.vocabulary(), info.inputVocabulary(), info.preprocessing());
        ModelManifest.Output output = new ModelManifest.Output(task.output(), task.outputs(), info.labels());
        ModelManifest.Training training = new ModelManifest.Training(info.trainer(), info.form(), info.weighting(), info.trainerOptions(),
                config == null ? null : configMap(config));
        ModelManifest.Provenance provenance = new ModelManifest.Provenance(Lpa4jVersion.get(), info.backend(), info.engineVersion(),
                config == null ? null : config.seed(), info.dataset(), info.taskOptions(), info.datasetSha256(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return new ModelManifest(Models.FORMAT_VERSION, new ModelManifest.Architecture(network.name(), hyperparameters.asMap()), input,
                output, dtype, network.depth(), training, provenance, info.metrics(),
                new ModelManifest.Weights(Models.WEIGHTS_FILE, weightsSha256), info.exitPolicy(), info.lineage());
    }

    /** The training configuration as plain JSON data; the optimizer keeps its kind beside its settings. */
    private static Map<String, Object> configMap(TrainingConfig config) {
        ObjectMapper plain = new ObjectMapper();
        @SuppressWarnings("unchecked")
        Map<String, Object> map = plain.convertValue(config, LinkedHashMap.class);
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("kind", config.optimizer().getClass().getSimpleName());
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = plain.convertValue(config.optimizer(), LinkedHashMap.class);
        optimizer.putAll(settings);
        map.put("optimizer", optimizer);
        return map;
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
