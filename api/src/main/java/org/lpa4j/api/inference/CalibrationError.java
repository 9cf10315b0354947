package org.lpa4j.api.inference;

import org.lpa4j.api.tensor.HostTensor;

/**
 * The expected calibration error of a classifier: rows binned by their top class probability into {@value #BINS}
 * equal-width bins, then the mean over rows of |accuracy of the bin - mean confidence of the bin|. 0 is perfectly
 * calibrated.
 */
final class CalibrationError {
    static final int BINS = 15;

    private CalibrationError() {
    }

    /** The expected calibration error of {@code logits [n, classes]} against INT32 {@code labels [n]}. */
    static double of(HostTensor logits, HostTensor labels) {
        int classes = logits.shape().dim(-1);
        int n = logits.size() / classes;
        double[] v = logits.toDoubleArray();
        double[] confidence = new double[BINS];
        double[] correct = new double[BINS];
        int[] count = new int[BINS];
        for (int i = 0; i < n; i++) {
            int top = 0;
            for (int c = 1; c < classes; c++) {
                if (v[i * classes + c] > v[i * classes + top]) {
                    top = c;
                }
            }
            double z = 0;
            for (int c = 0; c < classes; c++) {
                z += Math.exp(v[i * classes + c] - v[i * classes + top]);
            }
            double p = 1 / z;
            int bin = Math.min(BINS - 1, (int) (p * BINS));
            confidence[bin] += p;
            correct[bin] += top == (int) labels.getDouble(i) ? 1 : 0;
            count[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                ece += Math.abs(correct[b] - confidence[b]) / n;
            }
        }
        return ece;
    }
}
