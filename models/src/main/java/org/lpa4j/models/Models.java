package org.lpa4j.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.lpa4j.api.inference.CalibratedExit;
import org.lpa4j.api.io.AtomicFiles;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.backend.Backends;
import org.lpa4j.api.compile.VariableStore;
import org.lpa4j.api.io.AtomicDirectories;
import org.lpa4j.api.model.Architectures;
import org.lpa4j.api.model.ProgressiveModel;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Saves and loads models as bundles: a folder holding exactly {@value #MANIFEST_FILE} ({@link ModelManifest}) and
 * {@value #WEIGHTS_FILE} (safetensors), besides the marker every lpa4j result carries. A bundle is written as a whole and never replaces an existing one unless asked;
 * it is loaded only when every part agrees and it is unchanged since it was saved (its digest and probe outputs), on
 * any backend, whichever one trained it; anything else is a
 * {@link BundleException} that says what is wrong. A static facade rather than {@code model.save(dir)}: the model
 * lives in the api, which knows no JSON, and saving needs the architecture registry and Jackson, which this module brings.
 */
public final class Models {
    /**
     * The bundle format this library writes and the newest it reads. Format 2 added the input preprocessing and the
     * options the data was taken with; format 3 the manifest's digest and probe outputs ({@link ModelManifest.Integrity}).
     * Older bundles still load, without what they lack (a log line says so).
     */
    public static final int FORMAT_VERSION = 3;
    /** The first format whose bundles are tamper-evident (digest and probes). */
    public static final int INTEGRITY_FORMAT = 3;
    /** The manifest's file name. */
    public static final String MANIFEST_FILE = "model.json";
    /** The weights' file name. */
    public static final String WEIGHTS_FILE = "weights.safetensors";

    private Models() {
    }

    /**
     * Saves {@code model} with {@code description} ({@link ModelManifest#builder}) into the new folder {@code dir}; an
     * existing model (or any file) there is kept and refused.
     */
    public static void save(ProgressiveModel model, ModelManifest description, Path dir) {
        write(model, description, dir, false);
    }

    /** Saves {@code model} into {@code dir}, replacing whatever is there as a whole: a reader sees the old or the new bundle, never a mix. */
    public static void saveReplacing(ProgressiveModel model, ModelManifest description, Path dir) {
        write(model, description, dir, true);
    }

    /** The manifest of the bundle at {@code dir}, after every check that needs no backend. */
    public static ModelManifest inspect(Path dir) {
        return verify(dir).manifest();
    }

    /**
     * Records {@code policy} (plain JSON data: maps, lists, numbers, strings; null removes it) as the exit policy of the
     * bundle at {@code dir}, which is checked first; returns the new manifest. Only {@value #MANIFEST_FILE}'s
     * {@code exit_policy} changes, replaced in one atomic rename under the bundle's lock: concurrent savers wait for each
     * other (the last one's policy stays), readers meanwhile see the old or the new manifest, and the weights, their hash
     * and the manifest's digest stay as they were.
     */
    public static ModelManifest saveExitPolicy(Path dir, java.util.Map<String, Object> policy) {
        Objects.requireNonNull(dir, "dir is null");
        try {
            AtomicDirectories.changeLocked(dir, () -> {
                verify(dir);
                Path file = dir.resolve(MANIFEST_FILE);
                com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) ManifestJson.MAPPER.readTree(
                        file.toFile());
                tree.set("exit_policy", ManifestJson.MAPPER.valueToTree(policy));
                AtomicFiles.write(file, out -> ManifestJson.MAPPER.writeValue(out, tree));
            });
        } catch (IOException e) {
            throw new BundleException("The exit policy could not be saved into " + dir + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); the saved model is unchanged. Check that the folder is writable.", e);
        }
        return inspect(dir);
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

    /** Records {@code exit} as the calibrated exit policy of the bundle at {@code dir}, as {@link #saveExitPolicy(Path, java.util.Map)} does. */
    public static ModelManifest saveExitPolicy(Path dir, CalibratedExit exit) {
        Objects.requireNonNull(exit, "exit is null");
        return saveExitPolicy(dir, ExitPolicies.toJson(exit));
    }

    private static void write(ProgressiveModel model, ModelManifest description, Path dir, boolean replace) {
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(description, "description is null");
        Objects.requireNonNull(dir, "dir is null");
        try {
            new BundleWriter(Architectures.discover()).write(model, description, dir, replace);
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

    /**
     * The model must give the probe outputs its manifest records, at every depth, within the cross-backend tolerance; a
     * bundle older than format {@value #INTEGRITY_FORMAT} has none, and only its output count is checked, on one zero example.
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
