package org.lpa4j.models;

import java.nio.file.Path;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.inference.CalibratedExit;
import org.lpa4j.api.model.ProgressiveModel;

/**
 * Saves and loads models as bundles: a folder holding exactly {@value #MANIFEST_FILE} ({@link ModelManifest}) and
 * {@value #WEIGHTS_FILE} (safetensors), besides the marker every lpa4j result carries. A bundle is written as a whole and
 * never replaces an existing one unless asked; it is loaded only when every part agrees and it is unchanged since it was
 * saved (its digest and probe outputs), on any backend, whichever one trained it; anything else is a
 * {@link BundleException} that says what is wrong. A static facade rather than {@code model.save(dir)}: the model
 * lives in the api, which knows no JSON, and saving needs the architecture registry and Jackson, which this module brings.
 * It uses the registries on the classpath; {@link ModelBundles} takes them as given (e.g. bound by an injector).
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
        ModelBundles.discover().save(model, description, dir);
    }

    /** Saves {@code model} into {@code dir}, replacing whatever is there as a whole: a reader sees the old or the new bundle, never a mix. */
    public static void saveReplacing(ProgressiveModel model, ModelManifest description, Path dir) {
        ModelBundles.discover().saveReplacing(model, description, dir);
    }

    /** The manifest of the bundle at {@code dir}, after every check that needs no backend. */
    public static ModelManifest inspect(Path dir) {
        return ModelBundles.discover().inspect(dir);
    }

    /** Records {@code policy} as the exit policy of the bundle at {@code dir}, as {@link ModelBundles#saveExitPolicy(Path, java.util.Map)} does. */
    public static ModelManifest saveExitPolicy(Path dir, java.util.Map<String, Object> policy) {
        return ModelBundles.discover().saveExitPolicy(dir, policy);
    }

    /** Writes into the new folder {@code out} the parent's depths 1..{@code depth}, as {@link ModelBundles#slice} does. */
    public static ModelManifest slice(Path parent, int depth, Path out) {
        return ModelBundles.discover().slice(parent, depth, out);
    }

    /** Loads the bundle at {@code dir} on the backend discovery chooses; closing the result closes that backend too. */
    public static LoadedModel load(Path dir) {
        return ModelBundles.discover().load(dir);
    }

    /** Loads the bundle at {@code dir} on {@code backend}, which stays open when the result is closed. */
    public static LoadedModel load(Path dir, Backend backend) {
        return ModelBundles.discover().load(dir, backend);
    }

    /** Records {@code exit} as the calibrated exit policy of the bundle at {@code dir}, as {@link ModelBundles#saveExitPolicy(Path, java.util.Map)} does. */
    public static ModelManifest saveExitPolicy(Path dir, CalibratedExit exit) {
        return ModelBundles.discover().saveExitPolicy(dir, exit);
    }
}
