package org.lpa4j.models;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lpa4j.api.inference.ExitPolicy;
import org.lpa4j.api.input.InputPreprocessing;
import org.lpa4j.api.input.RawImages;
import org.lpa4j.api.tensor.HostTensor;
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

    /** How a raw input becomes this model's input, when the bundle records it. */
    public Optional<InputPreprocessing> preprocessing() {
        return Optional.ofNullable(manifest.input().preprocessing());
    }

    /** This model's input for raw grey {@code images}, prepared as its task prepared its training images. */
    public HostTensor inputOf(RawImages images) {
        if (required("grey images") instanceof InputPreprocessing.GreyImages p) {
            return p.apply(images, manifest.input().dtype());
        }
        throw readsOther("grey images");
    }

    /** This model's input for raw {@code texts} (bytes as read from a file), prepared as its task prepared its training texts. */
    public HostTensor inputOf(List<byte[]> texts) {
        if (required("texts") instanceof InputPreprocessing.WordIds p) {
            return p.apply(texts);
        }
        throw readsOther("texts");
    }

    private InputPreprocessing required(String form) {
        InputPreprocessing p = manifest.input().preprocessing();
        if (p == null) {
            String why = manifest.formatVersion() < 2 ? "it was saved in bundle format " + manifest.formatVersion() + ", before models"
                    + " recorded how their task prepares raw inputs" : "its task (" + dataset() + ") records no input preprocessing";
            throw new BundleException("This model cannot read raw " + form + ": " + why + ". It reads its network input as numbers (shape "
                    + Arrays.toString(manifest.input().exampleShape()) + " per example); train and save it again with this lpa4j to read raw "
                    + form + ".");
        }
        return p;
    }

    private BundleException readsOther(String form) {
        return new BundleException("This model reads " + manifest.input().preprocessing().rawForm() + ", not " + form + " (its task: "
                + dataset() + ").");
    }

    private String dataset() {
        return manifest.provenance() == null || manifest.provenance().dataset() == null ? "unnamed" : manifest.provenance().dataset();
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
