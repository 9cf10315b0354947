package org.lpa4j.api.layers;

import java.util.List;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.tensor.Tensor;

/**
 * A building block written once on {@link Ops}: it declares its parameters (names prefixed by the layer's
 * name) and computes a pure, trace-compatible forward from one input.
 */
public interface Layer {

    /** The layer's name, the prefix of its parameter names. */
    String name();

    /** The parameters this layer reads, with their shapes and initialisers. */
    List<ParameterSpec> parameters();

    /** The layer applied to {@code x}, reading its parameters from {@code params}. */
    Tensor forward(Ops ops, Parameters params, Tensor x);
}
