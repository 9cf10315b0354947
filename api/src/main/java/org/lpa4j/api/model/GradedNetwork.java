package org.lpa4j.api.model;

import java.util.List;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.Tensor;

/**
 * A residual network whose blocks are grades that can be trained one at a time (multigrade learning): grade k reads the
 * features grade k-1 left (grade 1 reads x) and adds its output to the prediction of the grades before, so the readout
 * at depth k is the sum of the first k grade outputs. Block k's parameters ({@link #blockParameters}) are grade k's.
 */
public interface GradedNetwork extends ResidualNetwork {

    /** The width of the features grade {@code k} (1-based) reads: the input's for grade 1, else grade k-1's last hidden width. */
    int inputWidth(int k);

    /** The values each grade adds to the prediction, per example (targets, or classes). */
    int outputDim();

    /** Grade {@code k} on the features it reads: {@code [its last hidden layer, its output]}. */
    List<Tensor> gradeForward(int k, Ops ops, Parameters params, Tensor features);

    /** The first {@code k} grades as a network of their own, whose parameters have the same names. */
    GradedNetwork prefix(int k);

    /** Grade {@code k} in a few words for reports, e.g. its layer widths and activations. */
    String describeGrade(int k);
}
