package org.lpa4j.api.compile;

import java.util.Map;
import org.lpa4j.api.tensor.HostTensor;

/** The loss value and the gradient of the loss with respect to each requested parameter, on the host. */
public record GradientResult(double loss, Map<String, HostTensor> gradients) {
    public GradientResult {
        gradients = Map.copyOf(gradients);
    }

    /** The gradient of {@code name}. */
    public HostTensor gradient(String name) {
        HostTensor g = gradients.get(name);
        if (g == null) {
            throw new IllegalArgumentException("No gradient for '" + name + "'; gradients were computed for " + gradients.keySet() + ".");
        }
        return g;
    }
}
