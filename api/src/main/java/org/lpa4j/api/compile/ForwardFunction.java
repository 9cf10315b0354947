package org.lpa4j.api.compile;

import java.util.List;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.Tensor;

/**
 * A trace-compatible function from inputs to outputs: it only calls {@code ops}, never branches on tensor
 * values (it cannot read them), and builds the same computation every time it is called.
 */
@FunctionalInterface
public interface ForwardFunction {
    /** The outputs, in the order the compiled program returns them. */
    List<Tensor> apply(Ops ops, Parameters params, List<Tensor> inputs);
}
