package org.lpa4j.models;

import java.util.Objects;
import java.util.Optional;
import org.lpa4j.api.inference.ExitPolicy;
import org.lpa4j.api.backend.Backend;
import org.lpa4j.api.model.ProgressiveModel;

/**
 * A model loaded from a bundle: the {@link ProgressiveModel} on a backend and the manifest it was saved with. Closing it
 * closes the model, and the backend too when {@link Models#load(java.nio.file.Path)} opened it.
 */
public final class LoadedModel implements AutoCloseable {
    private final ProgressiveModel model;
    private final ModelManifest manifest;
    private final Backend ownedBackend;

    LoadedModel(ProgressiveModel model, ModelManifest manifest, Backend ownedBackend) {
        this.model = Objects.requireNonNull(model, "model is null");
        this.manifest = Objects.requireNonNull(manifest, "manifest is null");
        this.ownedBackend = ownedBackend;
    }

    /** The trained network with its weights on the backend: a model at every depth. */
    public ProgressiveModel model() {
        return model;
    }

    /** What {@code model.json} says about the model. */
    public ModelManifest manifest() {
        return manifest;
    }

    /** The calibrated exit policy saved with the model, if any. */
    public Optional<ExitPolicy> exitPolicy() {
        return manifest.exitPolicy() == null ? Optional.empty() : Optional.of(ExitPolicies.fromJson(manifest.exitPolicy()));
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            if (ownedBackend != null) {
                ownedBackend.close();
            }
        }
    }
}
