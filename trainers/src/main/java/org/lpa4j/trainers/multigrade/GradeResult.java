package org.lpa4j.trainers.multigrade;

/**
 * One trained grade: the metric of the prediction after grades 1..k on the train, validation and test splits, the
 * grade's training time and epochs, and whether the grade was kept (an adaptive run drops a grade that did not improve
 * the validation metric).
 *
 * @param grade      k, 1-based
 * @param layers     the grade as its authors write it, e.g. {@code [1, 256, 256, 1] sin}
 * @param train      the metric on the training split after grade k
 * @param validation the metric on the validation split after grade k
 * @param test       the metric on the test split after grade k
 * @param seconds    wall time of training grade k, evaluations included
 * @param epochs     epochs run for grade k
 * @param kept       whether grade k is part of the returned model
 */
public record GradeResult(int grade, String layers, double train, double validation, double test, double seconds, int epochs,
                          boolean kept) {
}
