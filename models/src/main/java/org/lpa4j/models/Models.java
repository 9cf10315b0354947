package org.lpa4j.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lpa4j.api.inference.CalibratedExit;
import org.lpa4j.api.io.AtomicFiles;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.io.AtomicDirectories;
import org.lpa4j.api.model.ProgressiveModel;

/**
 * Saves and loads models as bundles: a folder holding exactly {@value #MANIFEST_FILE} ({@link ModelManifest}) and
 * {@value #WEIGHTS_FILE} (safetensors). A bundle is written as a whole and never replaces an existing one unless asked;
 * it is loaded only when every part agrees, on any backend, whichever one trained it; anything else is a
 * {@link BundleException} that says what is wrong. A static facade rather than {@code model.save(dir)}: the model
 * lives in the api, which knows no JSON, and saving needs the architecture registry and Jackson, which this module brings.
 * It uses the registries on the classpath; {@link ModelBundles} takes them as given (e.g. bound by an injector).
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
        ModelBundles.discover().save(model, info, dir);
    }

    /** Saves {@code model} into {@code dir}, replacing whatever is there as a whole: a reader sees the old or the new bundle, never a mix. */
    public static void saveReplacing(ProgressiveModel model, ModelInfo info, Path dir) {
        ModelBundles.discover().saveReplacing(model, info, dir);
    }

    /** The manifest of the bundle at {@code dir}, after every check that needs no backend. */
    public static ModelManifest inspect(Path dir) {
        return verify(dir).manifest();
    }

    /**
     * Records {@code policy} (plain JSON data: maps, lists, numbers, strings; null removes it) as the exit policy of the
     * bundle at {@code dir}, which is checked first and then rewritten as a whole with the same weights; returns the new manifest.
     */
    public static ModelManifest saveExitPolicy(Path dir, java.util.Map<String, Object> policy) {
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

    /** Loads the bundle at {@code dir} on the backend discovery chooses; closing the result closes that backend too. */
    public static LoadedModel load(Path dir) {
        return ModelBundles.discover().load(dir);
    }

    /** Loads the bundle at {@code dir} on {@code backend}, which stays open when the result is closed. */
    public static LoadedModel load(Path dir, Backend backend) {
        return ModelBundles.discover().load(dir, backend);
    }

    /**
     * Records {@code exit} as the calibrated exit policy of the bundle at {@code dir} (checked whole first): only
     * {@value #MANIFEST_FILE} changes, replaced in one atomic rename, so the weights and their hash stay as they were.
     */
    public static ModelManifest saveExitPolicy(Path dir, CalibratedExit exit) {
        return ModelBundles.discover().saveExitPolicy(dir, exit);
    }

    private static BundleReader.VerifiedBundle verify(Path dir) {
        return ModelBundles.discover().verify(dir);
    }
}
