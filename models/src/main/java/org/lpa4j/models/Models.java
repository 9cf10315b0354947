package org.lpa4j.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lpa4j.api.inference.CalibratedExit;
import org.lpa4j.api.io.AtomicFiles;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.io.AtomicDirectories;
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
 * Saves and loads models as bundles: a folder holding exactly {@value #MANIFEST_FILE} ({@link ModelManifest}) and
 * {@value #WEIGHTS_FILE} (safetensors). A bundle is written as a whole and never replaces an existing one unless asked;
 * it is loaded only when every part agrees, on any backend, whichever one trained it; anything else is a
 * {@link BundleException} that says what is wrong. A static facade rather than {@code model.save(dir)}: the model
 * lives in the api, which knows no JSON, and saving needs the architecture registry and Jackson, which this module brings.
 */
public final class Models {
    /**
     * The bundle format this library writes and the newest it reads. Format 2 added the input preprocessing and the
     * options the data was taken with; a format-1 bundle still loads, without them.
     */
    public static final int FORMAT_VERSION = 2;
    /** The manifest's file name. */
    public static final String MANIFEST_FILE = "model.json";
    /** The weights' file name. */
    public static final String WEIGHTS_FILE = "weights.safetensors";

    private Models() {
    }

    /** Saves {@code model} with {@code info} into the new folder {@code dir}; an existing model (or any file) there is kept and refused. */
    public static void save(ProgressiveModel model, ModelInfo info, Path dir) {
        write(model, info, dir, false);
    }

    /** Saves {@code model} into {@code dir}, replacing whatever is there as a whole: a reader sees the old or the new bundle, never a mix. */
    public static void saveReplacing(ProgressiveModel model, ModelInfo info, Path dir) {
        write(model, info, dir, true);
    }

    /** The manifest of the bundle at {@code dir}, after every check that needs no backend. */
    public static ModelManifest inspect(Path dir) {
        return verify(dir).manifest();
    }

    /**
     * Records {@code policy} (plain JSON data: maps, lists, numbers, strings; null removes it) as the exit policy of the
     * bundle at {@code dir}, which is checked first and then rewritten as a whole with the same weights; returns the new manifest.
     */
    public static ModelManifest saveExitPolicy(Path dir, Map<String, Object> policy) {
        ModelManifest manifest = inspect(dir).withExitPolicy(policy);
        try {
            AtomicDirectories.write(dir, true, staging -> {
                Files.copy(dir.resolve(WEIGHTS_FILE), staging.resolve(WEIGHTS_FILE));
                ManifestJson.MAPPER.writeValue(staging.resolve(MANIFEST_FILE).toFile(), manifest);
            });
        } catch (IOException e) {
            throw new BundleException("The exit policy could not be saved into " + dir + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); the saved model is unchanged.", e);
        }
        return manifest;
    }

    /**
     * Writes into the new folder {@code out} a bundle of depth {@code depth} made of the stem, blocks 1..depth and the head of
     * the bundle at {@code parent}: it predicts exactly what the parent does at depths 1..depth. Its manifest is the
     * parent's cut to that depth, naming the parent in its {@link ModelManifest.Lineage lineage}; a parent's exit policy is
     * not carried over (it was calibrated for the parent's depths). Needs no backend. Returns the new manifest.
     */
    public static ModelManifest slice(Path parent, int depth, Path out) {
        Objects.requireNonNull(out, "out is null");
        BundleReader.VerifiedBundle bundle = verify(parent);
        ModelManifest p = bundle.manifest();
        if (depth < 1 || depth > p.depth()) {
            throw new BundleException("The saved model at " + parent + " has depths 1.." + p.depth() + "; a slice keeps depths 1..k for a k"
                    + " in that range, not " + depth + ".");
        }
        Architectures architectures = Architectures.discover();
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
        ModelManifest[] written = new ModelManifest[1];
        try {
            new BundleWriter(architectures).write(sliced, ParameterSet.of(weights), (dtype, sha) -> written[0] = new ModelManifest(
                    FORMAT_VERSION, new ModelManifest.Architecture(sliced.name(), hyperparameters.asMap()), p.input(), p.output(), p.dtype(),
                    depth, p.training(), p.provenance(), metrics, new ModelManifest.Weights(WEIGHTS_FILE, sha), null, lineage), out, false);
        } catch (IOException e) {
            throw new BundleException("The slice could not be saved to " + out + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); nothing was written there. Check that the folder's parent is writable and has space.", e);
        }
        return written[0];
    }

    private static double[] first(double[] values, int n) {
        return values == null ? null : Arrays.copyOf(values, Math.min(n, values.length));
    }

    /** Loads the bundle at {@code dir} on the backend discovery chooses; closing the result closes that backend too. */
    public static LoadedModel load(Path dir) {
        BundleReader.VerifiedBundle bundle = verify(dir);
        Backend backend = Backends.open();
        try {
            return open(dir, bundle, backend, true);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** Loads the bundle at {@code dir} on {@code backend}, which stays open when the result is closed. */
    public static LoadedModel load(Path dir, Backend backend) {
        Objects.requireNonNull(backend, "backend is null");
        return open(dir, verify(dir), backend, false);
    }

    /**
     * Records {@code exit} as the calibrated exit policy of the bundle at {@code dir} (checked whole first): only
     * {@value #MANIFEST_FILE} changes, replaced in one atomic rename, so the weights and their hash stay as they were.
     */
    public static ModelManifest saveExitPolicy(Path dir, CalibratedExit exit) {
        Objects.requireNonNull(exit, "exit is null");
        ModelManifest manifest = verify(dir).manifest().withExitPolicy(ExitPolicies.toJson(exit));
        try {
            AtomicFiles.write(dir.resolve(MANIFEST_FILE), out -> ManifestJson.MAPPER.writeValue(out, manifest));
        } catch (IOException e) {
            throw new BundleException("The exit policy could not be saved into " + dir + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); the saved model is unchanged. Check that the folder is writable.", e);
        }
        return manifest;
    }

    private static void write(ProgressiveModel model, ModelInfo info, Path dir, boolean replace) {
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(info, "info is null");
        Objects.requireNonNull(dir, "dir is null");
        try {
            new BundleWriter(Architectures.discover()).write(model, info, dir, replace);
        } catch (IOException e) {
            throw new BundleException("The model could not be saved to " + dir + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); nothing was written there. Check that the folder's parent is writable and has space.", e);
        }
    }

    private static BundleReader.VerifiedBundle verify(Path dir) {
        Objects.requireNonNull(dir, "dir is null");
        try {
            return new BundleReader(Architectures.discover()).read(dir);
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

    /** The network's outputs per example, measured on one zero example at full depth, must be the manifest's. */
    private static void checkOutputs(Path dir, BundleReader.VerifiedBundle bundle, ProgressiveModel model) {
        ModelManifest.Input in = bundle.manifest().input();
        int[] dims = new int[in.exampleShape().length + 1];
        dims[0] = 1;
        System.arraycopy(in.exampleShape(), 0, dims, 1, in.exampleShape().length);
        Shape shape = Shape.of(dims);
        HostTensor y = model.predict(HostTensor.zeros(in.dtype(), shape), model.depth());
        int outputs = y.shape().dim(y.shape().rank() - 1);
        if (outputs != bundle.manifest().output().size()) {
            throw new BundleException("The manifest of " + dir + " says the model has " + bundle.manifest().output().size() + " outputs but"
                    + " its network gives " + outputs + "; the manifest was edited. Save the model again.");
        }
    }
}
