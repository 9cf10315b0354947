package org.lpa4j.api.layers;

import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.tensor.ShapeMismatchException;
import org.lpa4j.api.tensor.Tensor;

/** Argument and input checks shared by the layers, so their messages read alike. */
final class LayerChecks {
    private LayerChecks() {
    }

    static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new Lpa4jException("A layer needs a non-blank name: it prefixes the layer's parameter names.");
        }
        return name;
    }

    static int requirePositive(String layer, String field, int value) {
        if (value <= 0) {
            throw new Lpa4jException(layer + ": " + field + " must be positive but is " + value + ".");
        }
        return value;
    }

    static void requireLastDim(String layer, Tensor x, int expected) {
        if (x.shape().rank() < 1 || x.shape().dim(-1) != expected) {
            throw new ShapeMismatchException(layer + ": expects an input whose last axis has size " + expected + " but got shape "
                    + x.shape() + ".");
        }
    }
}
