package org.lpa4j.trainers.multigrade;

import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;

/**
 * One split on the host during a multigrade run: its data, the features the next grade reads (x before grade 1, then
 * the last hidden layer of the grade before) and the prediction of the grades so far (null before grade 1), computed
 * once per grade so the frozen grades cost nothing while the next one trains.
 */
final class GradeSplit {
    final TensorDataset data;
    HostTensor features;
    HostTensor prediction;

    GradeSplit(String name, TensorDataset raw, DType dtype) {
        if (!raw.x().dtype().isFloating()) {
            throw new Lpa4jException("The multigrade trainer needs floating inputs, but the " + name + " inputs are " + raw.x().dtype() + ".");
        }
        HostTensor y = raw.y().dtype().isFloating() ? raw.y().cast(dtype) : raw.y();
        this.data = new TensorDataset(raw.x().cast(dtype), y);
        this.features = data.x();
    }

    /** Moves past a grade: its last hidden features and the prediction after it. */
    void advance(HostTensor nextFeatures, HostTensor nextPrediction) {
        features = nextFeatures;
        prediction = nextPrediction;
    }

    /** {@link #prediction} plus a grade's {@code output}, or {@code output} before grade 1. */
    HostTensor plus(HostTensor output) {
        if (prediction == null) {
            return output;
        }
        double[] sum = prediction.toDoubleArray();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += output.getDouble(i);
        }
        return HostTensor.fromDoubles(output.dtype(), output.shape(), sum);
    }
}
