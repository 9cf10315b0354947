package org.lpa4j.api.compile;

import java.util.List;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.Tensor;

/** A trace-compatible function from inputs to a scalar (rank 0, floating) loss. */
@FunctionalInterface
public interface LossFunction {
    /** The loss, a rank-0 floating tensor. */
    Tensor apply(Ops ops, Parameters params, List<Tensor> inputs);
}
