package org.lpa4j.models;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.BackendRequest;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.backend.Discovery;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.inference.CalibratedExit;
import org.lpa4j.api.io.AtomicDirectories;
import org.lpa4j.api.io.AtomicFiles;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.NetworkDepths;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSet;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Saves and loads bundles with the architectures and backends it is given, so that whatever a program can build (an
 * architecture bound by an injector included) it can save and load again. {@link Models} is the same with the
 * classpath's registries, for plain Java.
 */
public final class ModelBundles {
    private final Architectures architectures;
    private final Discovery backends;

    /** Bundles of the networks of {@code architectures}, loaded on the backends of {@code backends}. */
    public ModelBundles(Architectures architectures, Discovery backends) {
        this.architectures = Objects.requireNonNull(architectures, "architectures is null");
        this.backends = Objects.requireNonNull(backends, "backends is null");
    }

    /** The architectures and backends registered on the classpath. */
    public static ModelBundles discover() {
        return new ModelBundles(Architectures.discover(), Backends.discover());
    }

    /**
     * Saves {@code model} with {@code description} ({@link ModelManifest#builder}) into the new folder {@code dir}; an
     * existing model (or any file) there is kept and refused.
     */
    public void save(ProgressiveModel model, ModelManifest description, Path dir) {
        write(model, description, dir, false);
    }

    /** Saves {@code model} into {@code dir}, replacing whatever is there as a whole: a reader sees the old or the new bundle, never a mix. */
    public void saveReplacing(ProgressiveModel model, ModelManifest description, Path dir) {
        write(model, description, dir, true);
    }

    /** The manifest of the bundle at {@code dir}, after every check that needs no backend. */
    public ModelManifest inspect(Path dir) {
        return verify(dir).manifest();
    }

    /** Loads the bundle at {@code dir} on the backend the library's rules choose; closing the result closes that backend too. */
    public LoadedModel load(Path dir) {
        BundleReader.VerifiedBundle bundle = verify(dir);
        Backend backend = Backends.open(backends, BackendRequest.fromEnvironment());
        try {
            return open(dir, bundle, backend, true);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** Loads the bundle at {@code dir} on {@code backend}, which stays open when the result is closed. */
    public LoadedModel load(Path dir, Backend backend) {
        Objects.requireNonNull(backend, "backend is null");
        return open(dir, verify(dir), backend, false);
    }

    /** Records {@code exit} as the calibrated exit policy of the bundle at {@code dir}, as {@link #saveExitPolicy(Path, java.util.Map)} does. */
    public ModelManifest saveExitPolicy(Path dir, CalibratedExit exit) {
        Objects.requireNonNull(exit, "exit is null");
        return saveExitPolicy(dir, ExitPolicies.toJson(exit));
    }

    /**
     * Records {@code policy} (plain JSON data: maps, lists, numbers, strings; null removes it) as the exit policy of the
     * bundle at {@code dir}, which is checked first; returns the new manifest. Only {@value Models#MANIFEST_FILE}'s
     * {@code exit_policy} changes, replaced in one atomic rename under the bundle's lock: concurrent savers wait for each
     * other (the last one's policy stays), readers meanwhile see the old or the new manifest, and the weights, their hash
     * and the manifest's digest stay as they were.
     */
    public ModelManifest saveExitPolicy(Path dir, Map<String, Object> policy) {
        Objects.requireNonNull(dir, "dir is null");
        try {
            AtomicDirectories.changeLocked(dir, () -> {
                verify(dir);
                Path file = dir.resolve(Models.MANIFEST_FILE);
                ObjectNode tree = (ObjectNode) ManifestJson.MAPPER.readTree(file.toFile());
                tree.set("exit_policy", ManifestJson.MAPPER.valueToTree(policy));
                AtomicFiles.write(file, out -> ManifestJson.MAPPER.writeValue(out, tree));
            });
        } catch (IOException e) {
            throw new BundleException("The exit policy could not be saved into " + dir + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); the saved model is unchanged. Check that the folder is writable.", e);
        }
        return inspect(dir);
    }

    /**
     * Writes into the new folder {@code out} a bundle of depth {@code depth} made of the stem, blocks 1..depth and the head of
     * the bundle at {@code parent}: it predicts exactly what the parent does at depths 1..depth, so its probes are the
     * parent's first {@code depth}. Its manifest is the parent's cut to that depth, naming the parent in its
     * {@link ModelManifest.Lineage lineage}; a parent's exit policy is not carried over (it was calibrated for the parent's
     * depths). Needs no backend. Returns the new manifest.
     */
    public ModelManifest slice(Path parent, int depth, Path out) {
        Objects.requireNonNull(out, "out is null");
        BundleReader.VerifiedBundle bundle = verify(parent);
        ModelManifest p = bundle.manifest();
        if (depth < 1 || depth > p.depth()) {
            throw new BundleException("The saved model at " + parent + " has depths 1.." + p.depth() + "; a slice keeps depths 1..k for a k"
                    + " in that range, not " + depth + ".");
        }
        if (p.integrity() == null) {
            throw new BundleException("The saved model at " + parent + " predates bundle format " + Models.INTEGRITY_FORMAT + " (it records"
                    + " no probe outputs to carry over); load it and save it again, then slice the new bundle.");
        }
        ResidualNetwork sliced = NetworkDepths.atDepth(architectures, bundle.network(), depth);
        Map<String, HostTensor> weights = new LinkedHashMap<>();
        for (ParameterSpec spec : sliced.parameters()) {
            weights.put(spec.name(), bundle.parameters().get(spec.name()));
        }
        Hyperparameters hyperparameters = architectures.describe(sliced);
        ModelManifest.Lineage lineage = new ModelManifest.Lineage(p.weights().sha256(), p.depth(), ModelManifest.Lineage.SLICE,
                Map.of("depth", depth));
        List<ModelManifest.DepthMetric> metrics = new ArrayList<>();
        for (ModelManifest.DepthMetric m : p.metrics()) {
            metrics.add(new ModelManifest.DepthMetric(m.metric(), m.lowerIsBetter(), first(m.validation(), depth), first(m.test(), depth)));
        }
        ModelManifest.Probes parentProbes = p.integrity().probes();
        ModelManifest.Probes probes = new ModelManifest.Probes(parentProbes.shape(), parentProbes.inputs(), parentProbes.positions(),
                List.copyOf(parentProbes.outputs().subList(0, depth)));
        try {
            new BundleWriter(architectures).write(sliced, ParameterSet.of(weights), (dtype, sha) -> new ModelManifest(
                    Models.FORMAT_VERSION, new ModelManifest.Architecture(sliced.name(), hyperparameters.asMap()), p.input(), p.output(),
                    p.dtype(), depth, p.training(), p.provenance(), metrics, new ModelManifest.Weights(Models.WEIGHTS_FILE, sha), lineage,
                    null, null), input -> probes, out, false);
        } catch (IOException e) {
            throw new BundleException("The slice could not be saved to " + out + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); nothing was written there. Check that the folder's parent is writable and has space.", e);
        }
        return inspect(out);
    }

    private static double[] first(double[] values, int n) {
        return values == null ? null : Arrays.copyOf(values, Math.min(n, values.length));
    }

    private void write(ProgressiveModel model, ModelManifest description, Path dir, boolean replace) {
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(description, "description is null");
        Objects.requireNonNull(dir, "dir is null");
        try {
            new BundleWriter(architectures).write(model, description, dir, replace);
        } catch (IOException e) {
            throw new BundleException("The model could not be saved to " + dir + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); nothing was written there. Check that the folder's parent is writable and has space.", e);
        }
    }

    BundleReader.VerifiedBundle verify(Path dir) {
        Objects.requireNonNull(dir, "dir is null");
        try {
            return new BundleReader(architectures).read(dir);
        } catch (IOException e) {
            throw new BundleException("The saved model at " + dir + " could not be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ").", e);
        }
    }

    private static LoadedModel open(Path dir, BundleReader.VerifiedBundle bundle, Backend backend, boolean ownsBackend) {
        VariableStore store = backend.createVariables(bundle.parameters());
        ProgressiveModel model = new ProgressiveModel(bundle.network(), store);
        try {
            checkOutputs(dir, bundle, model);
            return new LoadedModel(model, bundle.manifest(), ownsBackend ? backend : null);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * The model must give the probe outputs its manifest records, at every depth, within the cross-backend tolerance; a
     * bundle older than format {@value Models#INTEGRITY_FORMAT} has none, and only its output count is checked, on one zero example.
     */
    private static void checkOutputs(Path dir, BundleReader.VerifiedBundle bundle, ProgressiveModel model) {
        ModelManifest manifest = bundle.manifest();
        if (manifest.integrity() != null) {
            BundleIntegrity.check(dir, manifest, manifest.integrity().probes(), model);
            return;
        }
        ModelManifest.Input in = manifest.input();
        int[] dims = new int[in.exampleShape().length + 1];
        dims[0] = 1;
        System.arraycopy(in.exampleShape(), 0, dims, 1, in.exampleShape().length);
        HostTensor y = model.predict(HostTensor.zeros(in.dtype(), Shape.of(dims)), model.depth());
        int outputs = y.shape().dim(y.shape().rank() - 1);
        if (outputs != manifest.output().size()) {
            throw new BundleException("The manifest of " + dir + " says the model has " + manifest.output().size() + " outputs but"
                    + " its network gives " + outputs + "; the manifest was edited. Save the model again.");
        }
    }
}
